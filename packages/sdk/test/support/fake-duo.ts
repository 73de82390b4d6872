import { canonicalizeRequest, hmacHex } from '../../src/index.js';

/** Test credentials (the shape of Duo's documented example keys). */
export const CREDS = {
  host: 'api-xxxxxxxx.duosecurity.com',
  ikey: 'DIWJ8X6AEYOR5OMC6TQ1',
  skey: 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep',
} as const;

/** A request as the fake server saw it. */
export interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  /** Decoded query parameters as [key, value] pairs in wire order. */
  query: Array<[string, string]>;
  /** Decoded JSON body (v5 POST) or form pairs (v2 POST). */
  json: Record<string, unknown> | undefined;
  form: Array<[string, string]> | undefined;
  /** Whether the signature verified as Duo would check it (v5 or v2-SHA512). */
  signatureValid: boolean;
}

/** Duo's success envelope. */
export function ok(response: unknown, metadata?: Record<string, unknown>, init: ResponseInit = {}): Response {
  const body = metadata === undefined ? { stat: 'OK', response } : { stat: 'OK', response, metadata };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' }, ...init });
}

/** Duo's failure envelope. */
export function fail(status: number, code: number, message: string, detail?: string, headers: Record<string, string> = {}): Response {
  const body: Record<string, unknown> = { stat: 'FAIL', code, message };
  if (detail !== undefined) body['message_detail'] = detail;
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * A fetch double that records each request, checks its signature with the test secret the way the
 * emulator does (v5: query params + sha512(body); v2: query or form params), and answers with
 * `handler`. A handler that throws makes fetch reject (a reset, as far as the client can tell).
 */
export function fakeDuo(handler: (seen: Seen, index: number) => Response | Promise<Response>, skey: string = CREDS.skey) {
  const seen: Seen[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const body = await req.text();
    const query = [...url.searchParams.entries()];
    const type = req.headers.get('content-type') ?? '';
    const json = type.includes('json') && body ? (JSON.parse(body) as Record<string, unknown>) : undefined;
    const form = type.includes('x-www-form-urlencoded') ? [...new URLSearchParams(body).entries()] : undefined;
    const record: Seen = { method: req.method, url, headers: req.headers, body, query, json, form, signatureValid: verify(req, url, body, query, form, skey) };
    seen.push(record);
    return handler(record, seen.length - 1);
  };
  return { fetch, seen };
}

function verify(req: Request, url: URL, body: string, query: Array<[string, string]>, form: Array<[string, string]> | undefined, skey: string): boolean {
  return signatureMatches(
    { method: req.method, host: url.hostname, path: url.pathname, query, form, body, date: req.headers.get('date') ?? '', authorization: req.headers.get('authorization') ?? '' },
    skey,
  );
}

/** Whether an Authorization header carries a v5 or v2-SHA512 signature of the request, as the emulator checks it. */
export function signatureMatches(
  req: { method: string; host: string; path: string; query: Array<[string, string]>; form?: Array<[string, string]> | undefined; body: string; date: string; authorization: string },
  skey: string = CREDS.skey,
): boolean {
  const decoded = Buffer.from(req.authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
  const signature = decoded.split(':')[1];
  const common = { method: req.method, host: req.host, path: req.path, date: req.date };
  const v5 = hmacHex(skey, canonicalizeRequest({ ...common, params: req.query, body: req.body, sigVersion: 5 }));
  const v2 = hmacHex(skey, canonicalizeRequest({ ...common, params: [...req.query, ...(req.form ?? [])], sigVersion: 2 }));
  return signature === v5 || signature === v2;
}

/** Records sleeps instead of waiting, so retry and pacing tests run instantly. */
export function fakeSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw signal.reason;
    waits.push(ms);
  };
  return { sleep, waits };
}
