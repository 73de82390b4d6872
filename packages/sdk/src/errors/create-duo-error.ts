import { parseRetryAfter } from '../retry/parse-retry-after.js';
import { authenticationHint, forbiddenHint } from './authentication-hint.js';
import { DuoError, type DuoErrorRequest } from './duo-error.js';
import {
  DuoAuthenticationError,
  DuoForbiddenError,
  DuoInvalidRequestError,
  DuoNotFoundError,
  DuoRateLimitError,
  DuoServerError,
} from './error-classes.js';
import { redactSecrets } from './redact.js';

/** A non-OK answer as the transport received it. */
export interface ErrorResponse {
  status: number;
  /** Parsed JSON body, when the body was JSON. */
  json?: unknown;
  /** The body as text, when it was not JSON (a proxy page, a misrouted host). */
  text?: string;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  request: DuoErrorRequest;
  /** Our clock (epoch ms) when the request was signed, to measure skew against the server's Date. */
  signedAtMs?: number;
  /** Strings that must not appear in the message (secret key, Authorization value). */
  secrets?: ReadonlyArray<string | undefined>;
  addressOverride?: boolean;
}

interface DuoFailBody {
  code?: number;
  message?: string;
  message_detail?: string;
}

/**
 * Maps an error answer to the class a caller can branch on: by Duo's code first (its first three
 * digits are the HTTP status it belongs to), then by HTTP status. Non-Duo bodies keep the status
 * and say so, since a wrong host or a proxy is the usual cause.
 */
export function createDuoError(res: ErrorResponse): DuoError {
  const fail = asFailBody(res.json);
  const code = fail?.code;
  const detail = fail?.message_detail === undefined ? undefined : redact(fail.message_detail, res);
  const message = fail?.message ? redact(fail.message, res) : nonDuoMessage(res);
  const kind = code !== undefined && code >= 10000 ? Math.floor(code / 100) : res.status;
  const base = { status: res.status, code, messageDetail: detail, request: res.request };

  if (kind === 401) {
    const hint = authenticationHint({
      code,
      messageDetail: detail,
      clockSkewSec: clockSkewSec(res),
      addressOverride: res.addressOverride ?? false,
    });
    return new DuoAuthenticationError(message, { ...base, hint });
  }
  if (kind === 403) return new DuoForbiddenError(message, { ...base, hint: forbiddenHint(detail) });
  if (kind === 404) {
    const hint = fail
      ? undefined
      : 'The answer was not Duo\'s: check that `host` (and baseUrl, if set) points at a Duo API hostname.';
    return new DuoNotFoundError(message, { ...base, hint });
  }
  if (kind === 429) {
    const header = res.headers['retry-after'] ?? res.headers['x-retry-after'];
    const retryAfterMs = parseRetryAfter(header, res.signedAtMs ?? Date.now());
    return new DuoRateLimitError(message, { ...base, retryAfterMs });
  }
  if (kind >= 500 && kind <= 599) return new DuoServerError(message, base);
  if (kind >= 400 && kind <= 499) return new DuoInvalidRequestError(message, base);
  return new DuoError(message, base);
}

function asFailBody(json: unknown): DuoFailBody | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const body = json as Record<string, unknown>;
  if (body['stat'] !== 'FAIL' && body['code'] === undefined) return undefined;
  const rawCode = body['code'];
  // Duo's Go client met a codeless error with `code: ""`; treat anything non-numeric as absent.
  const code = typeof rawCode === 'number' ? rawCode : typeof rawCode === 'string' && /^\d+$/.test(rawCode) ? Number(rawCode) : undefined;
  const out: DuoFailBody = {};
  if (code !== undefined) out.code = code;
  if (typeof body['message'] === 'string') out.message = body['message'];
  if (typeof body['message_detail'] === 'string') out.message_detail = body['message_detail'];
  return out;
}

function nonDuoMessage(res: ErrorResponse): string {
  const type = res.headers['content-type'] ?? 'no content type';
  // Redact before cutting: a secret cut in half would no longer match.
  const snippet = res.text ? `: ${redact(res.text, res).replace(/\s+/g, ' ').trim().slice(0, 120)}` : '';
  return `HTTP ${res.status} without a Duo error body (${type})${snippet}`;
}

function redact(text: string, res: ErrorResponse): string {
  return redactSecrets(text, res.secrets ?? []);
}

function clockSkewSec(res: ErrorResponse): number | undefined {
  const date = res.headers['date'];
  if (date === undefined || res.signedAtMs === undefined) return undefined;
  const serverMs = Date.parse(date);
  if (Number.isNaN(serverMs)) return undefined;
  return (serverMs - res.signedAtMs) / 1000;
}
