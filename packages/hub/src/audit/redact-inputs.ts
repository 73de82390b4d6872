/** Field names whose values never reach the audit log (matched case-insensitively, at any depth). */
const SECRET_FIELD =
  /(^|_)(secret|secret_key|skey|password|passcode|authorization)(_|$)|^token$|_token$|bypass_codes?|^codes$|directory_key|master_?key/i;

/** Placeholder that records a secret was supplied without keeping it. */
export const REDACTED = '[REDACTED]';

/**
 * A copy of request inputs safe to store: secret-named fields replaced by `[REDACTED]`, long
 * strings cut, depth and breadth bounded so a hostile body cannot bloat the log.
 */
export function redactInputs(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 500 ? `${value.slice(0, 500)}…` : value;
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactInputs(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>).slice(0, 100)) {
      out[key] = SECRET_FIELD.test(key) && v !== null && v !== undefined ? REDACTED : redactInputs(v, depth + 1);
    }
    return out;
  }
  return undefined;
}
