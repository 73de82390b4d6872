import { createDuoError, type ErrorResponse } from '../errors/create-duo-error.js';
import type { HttpResponse } from '../transport/transport.js';

/** A successful Duo answer, exactly as Duo sent it. */
export interface DuoResponse<T = unknown> {
  status: number;
  /** Duo's `response`: an object, an array or a string; raw bytes when the body was not JSON (a logo). */
  response: T;
  /** Duo's top-level `metadata` on list endpoints (v2 logs keep theirs inside `response`). */
  metadata?: Record<string, unknown>;
  /** Set only for non-JSON bodies, e.g. `image/png`. */
  contentType?: string;
}

/**
 * Turns the raw answer into Duo's envelope fields, or throws the matching DuoError.
 * A 2xx body that is not JSON is returned as bytes (logos); a JSON body must say `stat: OK`.
 */
export function parseDuoResponse(
  res: HttpResponse,
  context: Omit<ErrorResponse, 'status' | 'json' | 'text' | 'headers'>,
): DuoResponse {
  const contentType = res.headers['content-type'] ?? '';
  const { text } = res;
  const looksJson = text !== undefined || /json/i.test(contentType) || /^\s*[{[]/.test(res.body.subarray(0, 16).toString('utf8'));
  let json: unknown;
  let parsed = false;
  if (looksJson) {
    try {
      json = JSON.parse(text ?? res.body.toString('utf8'));
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  const ok = res.status >= 200 && res.status < 300;
  if (ok && parsed && isOkEnvelope(json)) {
    const out: DuoResponse = { status: res.status, response: json.response };
    if (isRecord(json.metadata)) out.metadata = json.metadata;
    return out;
  }
  if (ok && !looksJson) return { status: res.status, response: res.body, contentType: contentType || 'application/octet-stream' };
  const errorInput: ErrorResponse = { ...context, status: res.status, headers: res.headers };
  if (parsed) errorInput.json = json;
  // The whole (bounded) text goes on, so redaction sees any echoed secret in one piece.
  else errorInput.text = text !== undefined ? text.slice(0, 65_536) : res.body.subarray(0, 65_536).toString('utf8');
  throw createDuoError(errorInput);
}

function isOkEnvelope(value: unknown): value is { stat: 'OK'; response: unknown; metadata?: unknown } {
  return isRecord(value) && value['stat'] === 'OK';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
