import { HTTPException } from 'hono/http-exception';
import { errorRegistry, type ErrorBody, type ErrorCode } from './error-registry.js';
import { HubError } from './hub-error.js';
import { duoErrorToHubError } from './duo-error-to-hub-error.js';

/** An HTTP status and the registry-shaped body for any thrown value; `internal` marks what must be logged. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; internal: boolean } {
  const hubError = asHubError(error);
  if (hubError) {
    const body: ErrorBody = { error: { code: hubError.code, message: hubError.message } };
    if (hubError.details !== undefined) body.error.details = hubError.details;
    return { status: hubError.status, body, internal: false };
  }
  return { status: 500, body: bodyFor('internal'), internal: true };
}

function asHubError(error: unknown): HubError | undefined {
  if (error instanceof HubError) return error;
  const fromDuo = duoErrorToHubError(error);
  if (fromDuo) return fromDuo;
  if (error instanceof HTTPException) {
    // Hono raises these for bodies it cannot parse or accept before our handlers run.
    if (error.status === 400 && /json/i.test(error.message)) return new HubError('malformed_body');
    if (error.status === 413) return new HubError('payload_too_large');
    if (error.status === 415) return new HubError('unsupported_media_type');
    if (error.status === 401) return new HubError('unauthorized');
    if (error.status === 404) return new HubError('not_found');
    if (error.status >= 400 && error.status < 500) return new HubError('validation_failed', { message: 'The request could not be read.' });
  }
  return undefined;
}

function bodyFor(code: ErrorCode): ErrorBody {
  return { error: { code, message: errorRegistry[code].message } };
}
