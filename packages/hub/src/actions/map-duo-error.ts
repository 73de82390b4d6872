import { ANSWER_NOT_DUOS, classifyDuoFailure, COULD_NOT_REACH_DUO } from '../errors/classify-duo-failure.js';
import { HubError } from '../errors/hub-error.js';
import { referenceHubError } from './reference-hub-error.js';

/**
 * Maps an SDK error to a hub error, keeping Duo's status, code, message and message_detail in the
 * details. A connection failure or timeout of a non-idempotent call is reported as such: Duo may
 * have done it, and the SDK deliberately did not send it again. How a connection failed (refused,
 * reset, timed out) and what a non-Duo answer said are never passed on.
 */
export function mapDuoError(error: unknown, idempotent: boolean): HubError | undefined {
  const reference = referenceHubError(error);
  if (reference) return reference;
  const failure = classifyDuoFailure(error);
  if (!failure) return undefined;
  if (failure.kind === 'config') {
    return new HubError('validation_failed', {
      message: `The Duo call could not be built: ${failure.message}`,
      ...(failure.field ? { details: [{ in: 'input', field: failure.field, message: failure.message }] } : {}),
    });
  }
  if (failure.kind === 'unreachable') {
    if (failure.sent === false) {
      return new HubError('duo_unreachable', { message: COULD_NOT_REACH_DUO, details: { outcome: 'not_sent' } });
    }
    if (!idempotent) {
      return new HubError('duo_unreachable', {
        message: 'Could not reach Duo: the call failed before an answer arrived; Duo may have carried it out. It was not retried because the action is not idempotent.',
        details: { outcome: 'unknown', retried: false },
      });
    }
    return new HubError('duo_unreachable', { message: COULD_NOT_REACH_DUO });
  }
  if (failure.kind === 'not_duo') {
    // Something answered, so a non-idempotent call may have gone through on the way.
    return new HubError('duo_error', { message: ANSWER_NOT_DUOS, ...(idempotent ? {} : { details: { outcome: 'unknown', retried: false } }) });
  }
  const { status, code } = failure;
  const details: Record<string, unknown> = { duo_status: status, duo_code: code };
  const duoMessage = failure.message;
  if (duoMessage) details['duo_message'] = duoMessage;
  if (failure.messageDetail) details['duo_message_detail'] = failure.messageDetail;
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
    // Not validation_failed: that code's details are always the hub's own field list. Duo names the
    // offending parameter in message_detail (e.g. "txid"), when it names one.
    const field = failure.messageDetail && /^[a-z][a-z0-9_]{0,63}$/.test(failure.messageDetail) ? failure.messageDetail : undefined;
    return new HubError('duo_rejected', {
      message: `Duo rejected the request${said}${field ? ` (${field})` : ''}`,
      details: { ...details, ...(field ? { field } : {}) },
    });
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
