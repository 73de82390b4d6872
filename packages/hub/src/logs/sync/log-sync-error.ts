import { ANSWER_NOT_DUOS, classifyDuoFailure, COULD_NOT_REACH_DUO } from '../../errors/classify-duo-failure.js';
import { isHubError } from '../../errors/hub-error.js';

/** Why a unit's run failed, as data safe to store and show (never a secret, never a foreign answer's text). */
export interface LogSyncError {
  /** The SDK error class of Duo's own error, `unreachable`, `not_duo`, a hub error code, or `internal`. */
  kind: string;
  message: string;
  status?: number;
  code?: number;
}

/**
 * A failure as storable data: Duo's own errors keep their status, code and message; an unreachable
 * target or a foreign answer gets fixed words; hub errors keep their code and message (they are
 * written for callers); anything else is `internal` with a fixed message (it is logged, not shown).
 */
export function logSyncError(error: unknown): LogSyncError {
  if (isHubError(error)) return { kind: error.code, message: error.message };
  const failure = classifyDuoFailure(error);
  const name = (error as { name?: unknown } | null)?.name;
  switch (failure?.kind) {
    case 'duo':
      return { kind: String(name), message: failure.message, status: failure.status, code: failure.code };
    case 'config':
      return { kind: String(name), message: failure.message };
    case 'unreachable':
      return { kind: 'unreachable', message: COULD_NOT_REACH_DUO };
    case 'not_duo':
      return { kind: 'not_duo', message: ANSWER_NOT_DUOS };
    default:
      return { kind: 'internal', message: 'internal error while syncing the log; see the hub log' };
  }
}

/**
 * Whether a failed run is worth another try within the same run: Duo busy or failing (429, 5xx),
 * Duo unreachable (reset, timeout), or a store hiccup. Duo refusing the request (other 4xx: a missing
 * permission, bad keys) and foreign answers would fail the same way again.
 */
export function isRetryableLogFailure(error: unknown): boolean {
  if (isHubError(error)) return false;
  const failure = classifyDuoFailure(error);
  if (!failure) return true;
  if (failure.kind === 'unreachable') return true;
  if (failure.kind === 'duo') return failure.status === 429 || failure.status >= 500;
  return false;
}
