import type { FieldMessages } from './form-input.ts';

/**
 * One field issue of a `validation_failed` answer: where (`body`, `query`, `input`...), which field by dotted
 * path (`admin.secret_key`, `email_domains.1`; unknown keys arrive comma-joined) and what is wrong.
 */
export interface FieldIssue {
  in?: string;
  field: string;
  message: string;
}

/**
 * The field issues in an error's `details`: the hub's `{ in, field, message }` items (a `path`, as a string or
 * a list of keys, is read too). Anything that is not a list of issues yields none.
 */
export function fieldIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  const out: FieldIssue[] = [];
  for (const d of details as unknown[]) {
    if (!d || typeof d !== 'object') continue;
    const { in: where, field, path, message } = d as { in?: unknown; field?: unknown; path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const name = typeof field === 'string' ? field : typeof path === 'string' ? path : Array.isArray(path) ? path.join('.') : '';
    out.push({ ...(typeof where === 'string' ? { in: where } : {}), field: name, message });
  }
  return out;
}

/**
 * The messages about any of `fields` or anything below them (`email_domains.3` is about `email_domains`),
 * including comma-joined unknown keys, joined for one hint under the input; undefined when none.
 */
export function issueFor(issues: readonly FieldIssue[], ...fields: string[]): string | undefined {
  const about = (name: string) => fields.some((f) => name === f || name.startsWith(`${f}.`));
  const hits = issues.filter((i) => about(i.field) || i.field.split(',').some(about));
  return hits.length > 0 ? hits.map((i) => i.message).join('; ') : undefined;
}

/** Server issues sorted onto the form: per-field messages, and the rest (with the field they name). */
export interface PlacedIssues {
  fields: FieldMessages;
  other: Array<{ field: string; message: string }>;
}

/**
 * Places the field issues of an API error onto form fields. The hub names fields by dotted path, inside
 * the request body (`input.user_id` when the route's schema caught it) or inside the action input
 * (`user_id`, `in: "input"`, when the action's own checks did). An issue on a list entry or a key inside a
 * field (`codes.1`) lands on the nearest field the form has; `rename` maps envelope fields such as
 * `organizationId` onto a form control of the page.
 */
export function placeFieldIssues(
  details: unknown,
  paths: readonly string[],
  options: { bodyPrefix?: string; rename?: Record<string, string> } = {},
): PlacedIssues {
  const out: PlacedIssues = { fields: {}, other: [] };
  const known = new Set(paths);
  const prefix = options.bodyPrefix ?? 'input';
  for (const issue of fieldIssues(details)) {
    const message = issue.message;
    let field = issue.field;
    const renamed = options.rename?.[field];
    if (renamed) {
      addMessage(out.fields, renamed, message);
      continue;
    }
    if (issue.in === 'body' && prefix) {
      if (field === prefix) field = '';
      else if (field.startsWith(`${prefix}.`)) field = field.slice(prefix.length + 1);
      else {
        out.other.push({ field, message });
        continue;
      }
    }
    // Unknown keys arrive as a comma-separated list on one issue.
    const target = field.split(',').map((f) => nearestField(f, known)).find((f) => f !== undefined);
    if (target) addMessage(out.fields, target, message);
    else out.other.push({ field, message });
  }
  return out;
}

function nearestField(field: string, known: ReadonlySet<string>): string | undefined {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

function addMessage(fields: FieldMessages, path: string, message: string): void {
  fields[path] = fields[path] ? `${fields[path]} ${capitalize(message)}` : capitalize(message);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
