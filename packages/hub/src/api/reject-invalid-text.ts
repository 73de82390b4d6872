import type { MiddlewareHandler } from 'hono';
import { HubError } from '../errors/hub-error.js';
import { findLoneSurrogate, findMalformedQueryParam, isMalformedPercentText } from '../errors/find-invalid-text.js';
import type { HubEnv } from './hub-env.js';

/**
 * In front of every declared route's validation: text that is not valid Unicode (a lone surrogate
 * in a JSON body, or percent escapes in the query or path that do not decode to UTF-8) is answered
 * 400 `validation_failed` naming the field, before any of it reaches a handler or the store.
 * Malformed JSON is left to the validator, which answers `malformed_body`.
 */
export const rejectInvalidText: MiddlewareHandler<HubEnv> = async (c, next) => {
  const query = findMalformedQueryParam(new URL(c.req.url).search);
  if (query !== undefined) throw invalid('query', query, 'is not valid UTF-8 text once percent-decoded');
  for (const [name, value] of Object.entries(c.req.param() as Record<string, string>)) {
    // Hono leaves a path parameter percent-encoded when it cannot decode it.
    if (isMalformedPercentText(value)) throw invalid('path', name, 'is not valid UTF-8 text once percent-decoded');
  }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && /json/i.test(c.req.header('content-type') ?? '')) {
    let body: unknown;
    try {
      // Hono caches the parsed body, so the validator after this does not read the stream again.
      body = await c.req.json();
    } catch {
      return next();
    }
    const field = findLoneSurrogate(body);
    if (field !== undefined) throw invalid('body', field, 'is not valid Unicode text (it holds a lone surrogate)');
  }
  return next();
};

function invalid(location: string, field: string, message: string): HubError {
  return new HubError('validation_failed', { details: [{ in: location, field, message }] });
}
