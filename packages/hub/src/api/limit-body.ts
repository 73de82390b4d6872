import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HubError } from '../errors/hub-error.js';

/**
 * Refuses request bodies over `maxSize` bytes with `payload_too_large`. A body with a Content-Length
 * (and no Transfer-Encoding) is judged by its header alone: Node's parser never reads past the
 * declared length, and leaving the body untouched lets the JSON validator take @hono/node-server's
 * direct read instead of a web stream (hono's own bodyLimit opens the stream for every request, a
 * tenth of a millisecond each). Chunked bodies go through hono's bodyLimit, which counts as it reads.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = () => {
    throw new HubError('payload_too_large');
  };
  const counting = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > maxSize ? tooLarge() : next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return counting(c, next);
  };
}
