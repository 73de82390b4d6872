import { fail } from '../duo-result.js';
import type { DuoResult } from '../route.js';
import { parseMultipart } from './parse-multipart.js';

/** A request's parameters as they arrived, before they are merged for a handler. */
export interface RawParams {
  queryPairs: Array<[string, string]>;
  /** Pairs of a url-encoded form or the text fields of a multipart/form-data body (signed by v1/v2 alongside the query). */
  formPairs: Array<[string, string]>;
  /** The parsed JSON object body, when the body was JSON. */
  json: Record<string, unknown> | undefined;
  /** Why the body is unusable (bad JSON, unsupported content type); reported after authorization. */
  error: Extract<DuoResult, { kind: 'fail' }> | undefined;
}

/**
 * Decodes the query string and the body: url-encoded forms into pairs (`+` is a space on the wire),
 * multipart/form-data into the pairs of its text fields (Duo's own request collections send
 * form-data bodies), JSON bodies into an object. An empty body is no parameters whatever its type.
 */
export function readParams(url: URL, contentType: string | null, body: Uint8Array): RawParams {
  const queryPairs = [...url.searchParams];
  const raw: RawParams = { queryPairs, formPairs: [], json: undefined, error: undefined };
  if (body.length === 0) return raw;
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = Buffer.from(body).toString('utf8');
  if (mediaType === 'application/x-www-form-urlencoded') {
    raw.formPairs = [...new URLSearchParams(text)];
  } else if (mediaType === 'multipart/form-data') {
    const parsed = parseMultipart(body, contentType ?? '');
    if (parsed.ok) raw.formPairs = parsed.pairs;
    else raw.error = invalid(parsed.error);
  } else if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      raw.error = invalid('Malformed JSON body');
      return raw;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      raw.error = invalid('JSON body must be an object');
    } else {
      raw.json = parsed as Record<string, unknown>;
    }
  } else {
    raw.error = invalid(
      mediaType === ''
        ? 'Missing Content-Type for request body'
        : `Unsupported Content-Type ${mediaType}; use application/x-www-form-urlencoded, multipart/form-data or application/json`,
    );
  }
  return raw;
}

function invalid(detail: string): Extract<DuoResult, { kind: 'fail' }> {
  return fail(400, 40002, 'Invalid request parameters', detail) as Extract<DuoResult, { kind: 'fail' }>;
}
