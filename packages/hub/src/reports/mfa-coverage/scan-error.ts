import { isDuoError } from '@duohub/sdk';

/** Why an account could not be scanned, as data safe to store and show. */
export interface ScanError {
  /** The SDK error class (`DuoForbiddenError`, ...) or `internal`. */
  kind: string;
  message: string;
  status?: number;
  code?: number;
}

/**
 * A failure as storable data. SDK errors are secret-free by construction and keep their message;
 * anything else could carry arbitrary text, so only a generic message is kept.
 */
export function scanError(error: unknown): ScanError {
  if (isDuoError(error)) {
    const out: ScanError = { kind: error.name, message: error.message };
    if (typeof error.status === 'number') out.status = error.status;
    if (typeof error.code === 'number') out.code = error.code;
    return out;
  }
  return { kind: 'internal', message: 'internal error while scanning the account' };
}
