/** One problem with one field, as the hub reports it (`{ in, field, message }`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * The field issues in an error's `details`: the hub's `{ field, message }` items (and `{ path, message }`,
 * which some callers use). Anything else yields none.
 */
export function fieldIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  const out: FieldIssue[] = [];
  for (const d of details as unknown[]) {
    if (!d || typeof d !== 'object') continue;
    const { field, path, message } = d as { field?: unknown; path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const name = typeof field === 'string' ? field : typeof path === 'string' ? path : '';
    out.push({ field: name, message });
  }
  return out;
}

/** The messages about `field` (or any of `fields`), joined for one hint under the input; undefined when none. */
export function issueFor(issues: readonly FieldIssue[], ...fields: string[]): string | undefined {
  const hits = issues.filter((i) => fields.some((f) => i.field === f || i.field.split(',').includes(f)));
  return hits.length > 0 ? hits.map((i) => i.message).join('; ') : undefined;
}

/**
 * The same error with field issues as `{ path, message }`, the shape the shared ErrorView lists
 * (the hub names the key `field`).
 */
export function withIssuePaths<E extends { details?: unknown }>(error: E): E {
  const issues = fieldIssues(error.details);
  if (issues.length === 0) return error;
  return { ...error, details: issues.map((i) => ({ path: i.field, message: i.message })) } as E;
}
