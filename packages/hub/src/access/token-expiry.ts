import { HubError } from '../errors/hub-error.js';

/** The longest expiry a token may be given: ten years, past which "expires" means nothing. */
export const MAX_TOKEN_DAYS = 3650;

const DAY_MS = 86_400_000;

/** Whether a token works: `expired` once `now` reaches its expiry, `revoked` once revoked (revoking wins). */
export type TokenStatus = 'active' | 'revoked' | 'expired';

/** A token's status at `now` from its stored times. */
export function tokenStatus(row: { revoked_at: string | null; expires_at: string | null }, now: Date): TokenStatus {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return 'expired';
  return 'active';
}

/**
 * The stored expiry (ISO, UTC) from a create request: `expires_at` as given, or `expires_in_days`
 * from `now`, or null for a token that never expires. Both at once, a time not after `now`, or one
 * further than `MAX_TOKEN_DAYS` ahead is `validation_failed` naming the field.
 */
export function resolveTokenExpiry(input: { expires_at?: string | null | undefined; expires_in_days?: number | undefined }, now: Date): string | null {
  const { expires_at: at, expires_in_days: days } = input;
  if (at != null && days !== undefined) {
    throw invalid('expires_in_days', 'give expires_at or expires_in_days, not both');
  }
  if (days !== undefined) return new Date(now.getTime() + days * DAY_MS).toISOString();
  if (at == null) return null;
  const time = Date.parse(at);
  if (Number.isNaN(time)) throw invalid('expires_at', 'must be an ISO 8601 time such as 2027-01-31T00:00:00Z');
  if (time <= now.getTime()) throw invalid('expires_at', `must be in the future (the hub's time is ${now.toISOString()})`);
  if (time > now.getTime() + MAX_TOKEN_DAYS * DAY_MS) throw invalid('expires_at', `must be at most ${MAX_TOKEN_DAYS} days ahead`);
  return new Date(time).toISOString();
}

function invalid(field: string, message: string): HubError {
  return new HubError('validation_failed', { details: [{ in: 'body', field, message }] });
}
