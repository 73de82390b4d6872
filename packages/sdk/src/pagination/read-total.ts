/**
 * Duo's `total_objects`: a number on v1 lists, `{ value, relation }` on v2 telephony and
 * activity logs (the value is used). Anything else is unknown.
 */
export function readTotal(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'number') {
    return (value as { value: number }).value;
  }
  return undefined;
}
