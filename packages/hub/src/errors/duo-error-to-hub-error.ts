import { ANSWER_NOT_DUOS, classifyDuoFailure, COULD_NOT_REACH_DUO } from './classify-duo-failure.js';
import { HubError } from './hub-error.js';

/**
 * Maps an SDK error (any `Duo*Error`) raised outside the credential checks to `duo_error` or
 * `duo_unreachable`. Only Duo's own status, code and detail travel on; a foreign answer or a
 * failed connection is described in fixed words, so nothing about a non-Duo target is reflected.
 */
export function duoErrorToHubError(error: unknown): HubError | undefined {
  const failure = classifyDuoFailure(error);
  if (!failure) return undefined;
  switch (failure.kind) {
    case 'unreachable':
      return new HubError('duo_unreachable', { message: COULD_NOT_REACH_DUO });
    case 'not_duo':
      return new HubError('duo_error', { message: ANSWER_NOT_DUOS });
    case 'config':
      return new HubError('duo_error', { message: `The Duo call could not be built: ${failure.message}` });
    case 'duo': {
      const details: Record<string, unknown> = { duo_status: failure.status, duo_code: failure.code };
      if (failure.messageDetail) details.duo_message_detail = failure.messageDetail.slice(0, 200);
      const message = failure.message ? `Duo answered with an error: ${failure.message.slice(0, 200)}` : undefined;
      return new HubError('duo_error', { ...(message ? { message } : {}), details });
    }
  }
}
