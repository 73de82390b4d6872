import { isHubError } from '../../errors/hub-error.js';
import { scanError } from '../mfa-coverage/scan-error.js';
import { countAccountUsers } from './count-account-users.js';
import type { SeatsAccountReader } from './open-seats-reader.js';
import type { SeatsTarget } from './seats-target.js';
import type { AccountSeats, SeatsError } from './seats-types.js';

/** The account's line with nothing read yet. */
function lineOf(target: SeatsTarget): AccountSeats {
  return {
    integration_id: target.integrationId,
    integration_name: target.integrationName,
    duo_account_id: target.accountId,
    duo_account_name: target.accountName,
    organization_id: target.organization?.id ?? null,
    organization_name: target.organization?.name ?? null,
    status: 'failed',
    counts: null,
    edition: null,
    telephony_credits: null,
    duo_total_users: null,
    error: null,
  };
}

/** A failure as data safe to show: the hub's own errors by code, Duo's by class (see `scanError`). */
export function seatsError(error: unknown): SeatsError {
  if (isHubError(error)) return { kind: error.code, message: error.message };
  return scanError(error);
}

/**
 * Reads one account: its users counted as they stream, its edition and its telephony credits, the
 * three at once (each paced by the account's client). Any failure makes the line `failed` with the
 * error and no figures, so a half-read account is never summed; only cancellation is thrown.
 * `open` builds the reader; its errors (keys missing, host no longer allowed) fail the line too.
 */
export async function readAccountSeats(target: SeatsTarget, open: () => SeatsAccountReader, signal?: AbortSignal): Promise<AccountSeats> {
  const line = lineOf(target);
  // One failure stops the account's other reads.
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const reader = open();
    const inner = controller.signal;
    const guard = <T>(p: Promise<T>) => p.catch((error: unknown) => {
      controller.abort(error);
      throw error;
    });
    const [users, edition, credits] = await Promise.all([
      guard(countAccountUsers(reader, { signal: inner })),
      guard(reader.edition(inner)),
      guard(reader.telephonyCredits(inner)),
    ]);
    return { ...line, status: 'ok', counts: users.counts, edition, telephony_credits: credits, duo_total_users: users.duoTotal };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { ...line, error: seatsError(error) };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
