import { HubError } from '../errors/hub-error.js';

/** The fields of an SDK error the mapping reads; matched by name so no SDK class is needed here. */
interface DuoErrorLike {
  name: string;
  message?: unknown;
  status?: unknown;
  code?: unknown;
  messageDetail?: unknown;
  sent?: unknown;
  field?: unknown;
}

/**
 * Maps an SDK error to a hub error, keeping Duo's status, code, message and message_detail in the
 * details. A connection failure or timeout of a non-idempotent call is reported as such: Duo may
 * have done it, and the SDK deliberately did not send it again.
 */
export function mapDuoError(error: unknown, idempotent: boolean): HubError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as DuoErrorLike;
  if (typeof e.name !== 'string' || !/^Duo[A-Za-z]*Error$/.test(e.name)) return undefined;
  if (e.name === 'DuoConfigError') {
    return new HubError('validation_failed', {
      message: `The Duo call could not be built: ${text(e.message)}`,
      ...(typeof e.field === 'string' ? { details: [{ in: 'input', field: e.field, message: text(e.message) }] } : {}),
    });
  }
  if (e.name === 'DuoConnectionError' || e.name === 'DuoTimeoutError') {
    const kind = e.name === 'DuoTimeoutError' ? 'timeout' : 'connection';
    if (e.sent === false) {
      return new HubError('duo_unreachable', { details: { kind, outcome: 'not_sent' } });
    }
    if (!idempotent) {
      return new HubError('duo_unreachable', {
        message: `The call to Duo failed (${kind}) before an answer arrived; Duo may have carried it out. It was not retried because the action is not idempotent.`,
        details: { kind, outcome: 'unknown', retried: false },
      });
    }
    return new HubError('duo_unreachable', { details: { kind } });
  }
  const details: Record<string, unknown> = {};
  if (typeof e.status === 'number') details['duo_status'] = e.status;
  if (typeof e.code === 'number') details['duo_code'] = e.code;
  const duoMessage = text(e.message);
  if (duoMessage) details['duo_message'] = duoMessage;
  if (typeof e.messageDetail === 'string' && e.messageDetail) {
    details['duo_message_detail'] = e.messageDetail.slice(0, 300);
  }
  const status = typeof e.status === 'number' ? e.status : 0;
  const code = typeof e.code === 'number' ? e.code : 0;
  const said = duoMessage ? `: ${duoMessage}` : '';
  if (code === 40401 || status === 404) {
    return new HubError('not_found', { message: `Duo reports the resource was not found${said}`, details });
  }
  if (code === 40301 || status === 403) {
    return new HubError('forbidden', {
      message: `Duo refused the call (the integration lacks a permission or is the wrong type)${said}`,
      details,
    });
  }
  if (status === 400 || (code >= 40000 && code < 40100)) {
    return new HubError('validation_failed', { message: `Duo rejected the request${said}`, details });
  }
  if (status === 429 || code === 42901) {
    return new HubError('duo_error', { message: `Duo is rate limiting this account${said}`, details });
  }
  if (status >= 500 && !idempotent) {
    // A 5xx leaves the outcome open; the SDK does not resend non-idempotent calls.
    details['outcome'] = 'unknown';
    details['retried'] = false;
  }
  return new HubError('duo_error', { message: `Duo answered with an error${said}`, details });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 300) : '';
}
