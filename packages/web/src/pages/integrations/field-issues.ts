/**
 * The field issues of a `validation_failed` answer keyed by field (`admin.secret_key`, `name`...), so a
 * form can show each message beside its input. The hub names the field in `field`; `path` is accepted too.
 */
export function fieldIssues(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const issue of details as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { field, path, message } = issue as { field?: unknown; path?: unknown; message?: unknown };
    const key = typeof field === 'string' ? field : typeof path === 'string' ? path : Array.isArray(path) ? path.join('.') : '';
    if (!key || typeof message !== 'string') continue;
    // Several issues on one field read as one sentence list rather than the last one winning.
    out[key] = out[key] ? `${out[key]}; ${message}` : message;
  }
  return out;
}

/** The messages on `field` and anything below it (`email_domains.3` belongs to `email_domains`), joined; undefined when none. */
export function issueUnder(issues: Record<string, string>, field: string): string | undefined {
  const keys = Object.keys(issues).filter((k) => k === field || k.startsWith(`${field}.`));
  return keys.length ? keys.map((k) => issues[k]).join('; ') : undefined;
}
