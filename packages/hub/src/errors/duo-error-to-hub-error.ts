import { HubError } from './hub-error.js';

/**
 * Maps an SDK error (any `Duo*Error`) raised outside the credential checks to `duo_error` or
 * `duo_unreachable`. Only Duo's own status, code and detail travel on: the SDK keeps secrets out of
 * its errors, and the request itself is not echoed.
 */
export function duoErrorToHubError(error: unknown): HubError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  if (typeof name !== 'string' || !/^Duo[A-Za-z]*Error$/.test(name)) return undefined;
  const e = error as { status?: unknown; code?: unknown; messageDetail?: unknown; message?: unknown };
  if (name === 'DuoConnectionError' || name === 'DuoTimeoutError') {
    return new HubError('duo_unreachable', { details: { kind: name === 'DuoTimeoutError' ? 'timeout' : 'connection' } });
  }
  const details: Record<string, unknown> = {};
  if (typeof e.status === 'number') details.duo_status = e.status;
  if (typeof e.code === 'number') details.duo_code = e.code;
  if (typeof e.messageDetail === 'string' && e.messageDetail) details.duo_message_detail = e.messageDetail.slice(0, 200);
  const message = typeof e.message === 'string' && e.message ? `Duo answered with an error: ${e.message.slice(0, 200)}` : undefined;
  return new HubError('duo_error', { ...(message ? { message } : {}), details });
}
