import { ANSWER_NOT_DUOS, classifyDuoFailure, COULD_NOT_REACH_DUO } from '../../errors/classify-duo-failure.js';

/** Why an account could not be scanned, as data safe to store and show. */
export interface ScanError {
  /** The SDK error class of Duo's own error (`DuoForbiddenError`, ...), `unreachable`, `not_duo` or `internal`. */
  kind: string;
  message: string;
  status?: number;
  code?: number;
}

/**
 * A failure as storable data. Duo's own errors keep their message, status and code; a failed
 * connection or a foreign answer gets fixed words (how it failed and what it said are not Duo's
 * to report); anything else could carry arbitrary text, so only a generic message is kept.
 */
export function scanError(error: unknown): ScanError {
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
      return { kind: 'internal', message: 'internal error while scanning the account' };
  }
}
