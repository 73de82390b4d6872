import { signRequest, type SigDigest, type SigVersion } from '@duohub/sdk';

/** Keys and host a test request is signed with. */
export interface TestCredentials {
  integration_key: string;
  secret_key: string;
  api_hostname: string;
}

/** How a test request is built and signed. */
export interface SignOptions {
  sigVersion?: SigVersion;
  digest?: SigDigest;
  /** Where POST/PUT parameters travel; default: JSON for v5, form otherwise. GET/DELETE always use the query. */
  bodyStyle?: 'json' | 'form' | 'query';
  /** A raw body sent as-is (overrides params placement for the body). */
  rawBody?: string;
  contentType?: string;
  dateHeader?: 'Date' | 'X-Duo-Date';
  date?: Date | string;
  /** Origin to send to; default `https://<api_hostname>`. */
  baseUrl?: string;
  /** Host to sign; default the api_hostname. */
  signHost?: string;
  headers?: Record<string, string>;
}

type ParamValue = string | number | boolean | string[];

/**
 * Builds a Request signed with @duohub/sdk's `signRequest`, as an official client would send it:
 * v5 puts POST parameters in a JSON body, v2 in a form body; GET and DELETE use the query string.
 */
export function signed(
  creds: TestCredentials,
  method: string,
  path: string,
  params: Record<string, ParamValue> = {},
  opts: SignOptions = {},
): Request {
  const sigVersion = opts.sigVersion ?? 5;
  const upper = method.toUpperCase();
  const hasBody = upper === 'POST' || upper === 'PUT';
  const style = hasBody ? (opts.bodyStyle ?? (sigVersion >= 4 ? 'json' : 'form')) : 'query';
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(params)) {
    for (const item of Array.isArray(v) ? v : [v]) pairs.push([k, String(item)]);
  }
  let body = '';
  let contentType: string | undefined;
  let queryPairs: Array<[string, string]> = [];
  let signParams: Array<[string, string]> = [];
  if (style === 'query') {
    queryPairs = pairs;
    signParams = pairs;
    if (hasBody && sigVersion >= 4) body = '';
  } else if (style === 'form') {
    body = new URLSearchParams(pairs).toString();
    contentType = 'application/x-www-form-urlencoded';
    signParams = pairs;
  } else {
    body = JSON.stringify(params);
    contentType = 'application/json';
  }
  if (opts.rawBody !== undefined) body = opts.rawBody;
  if (opts.contentType !== undefined) contentType = opts.contentType;
  if (sigVersion >= 4 && style !== 'query') signParams = queryPairs;
  const xDuoHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) if (k.toLowerCase().startsWith('x-duo-')) xDuoHeaders[k] = v;
  const sig = signRequest({
    method: upper,
    host: opts.signHost ?? creds.api_hostname,
    path,
    params: signParams,
    body: sigVersion >= 4 ? body : undefined,
    xDuoHeaders,
    date: opts.date ?? new Date(),
    ikey: creds.integration_key,
    skey: creds.secret_key,
    sigVersion,
    ...(opts.digest ? { digest: opts.digest } : {}),
    ...(opts.dateHeader ? { dateHeader: opts.dateHeader } : {}),
  });
  const query = queryPairs.length > 0 ? '?' + new URLSearchParams(queryPairs).toString() : '';
  const url = `${opts.baseUrl ?? `https://${creds.api_hostname}`}${path}${query}`;
  const headers: Record<string, string> = { ...opts.headers, ...sig.headers };
  if (contentType) headers['content-type'] = contentType;
  return new Request(url, { method: upper, headers, ...(hasBody || body !== '' ? { body } : {}) });
}
