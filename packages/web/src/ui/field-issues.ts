import type { FieldMessages } from './form-input.ts';

/** A field issue as the hub's `validation_failed` details carry it. */
export interface FieldIssue {
  in?: string;
  field?: string;
  message?: string;
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
  if (!Array.isArray(details)) return out;
  const known = new Set(paths);
  const prefix = options.bodyPrefix ?? 'input';
  for (const issue of details as FieldIssue[]) {
    if (!issue || typeof issue !== 'object') continue;
    const message = String(issue.message ?? 'invalid');
    let field = String(issue.field ?? '');
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
