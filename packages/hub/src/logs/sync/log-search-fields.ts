/** What the hub copies out of a Duo log row to search by (migration 0007's columns). */
export interface LogSearchFields {
  /** Epoch ms; undefined when the row carries no readable time (the row is then stored at its page's time). */
  occurredAt: number | undefined;
  username: string | null;
  application: string | null;
  factor: string | null;
  result: string | null;
  reason: string | null;
  eventType: string | null;
  ip: string | null;
}

/** Longest search value kept; Duo's are far shorter, and a search column is not the place for more. */
const MAX_FIELD = 500;

/** A member of an object, or undefined (for rows whose shape is not what Duo documents). */
export function member(value: unknown, ...path: string[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at === 'string' && at.startsWith('{')) at = parseObject(at);
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A search value: a non-empty string (numbers as text), cut to a sane length; else null. */
export function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t === '' ? null : t.slice(0, MAX_FIELD);
}

/** The first of several candidates that is a search value. */
export function firstText(...values: unknown[]): string | null {
  for (const v of values) {
    const t = text(v);
    if (t !== null) return t;
  }
  return null;
}

/** An IP as Duo writes it: a string, or `{ address }` in the activity log. */
export function ipText(value: unknown): string | null {
  return firstText(value, member(value, 'address'));
}

/** A JSON object held in a string (Duo's v1 `description`, the activity log's `actor`); undefined otherwise. */
export function parseObject(textValue: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(textValue);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
