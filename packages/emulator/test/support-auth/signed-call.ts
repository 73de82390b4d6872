import { signRequest } from '@duohub/sdk';

/** Keys and host a request is signed with (the shape `credentials()` lists). */
export interface Keys {
  integration_key: string;
  secret_key: string;
  api_hostname: string;
}

/** A decoded Duo answer. */
export interface Answer {
  status: number;
  body: any;
  headers: Headers;
  bytes: Uint8Array;
}

type Value = string | number | boolean | readonly string[];

/** How to send: v2 form bodies (the python 4.x client's way) or v5 JSON bodies; where to send it. */
export interface CallOptions {
  sigVersion?: 2 | 5;
  digest?: 'sha1' | 'sha512';
  /** `http://127.0.0.1:PORT` to go over a port; default `https://<api_hostname>` in process. */
  baseUrl?: string;
  /** The clock the Date header is written from (must be within the emulator's skew window). */
  date?: Date;
  signal?: AbortSignal;
}

/** Something that answers Requests: an emulator (`emu.fetch`) or the global fetch for a real port. */
export type Fetcher = (request: Request) => Promise<Response>;

/**
 * Signs one request with @duohub/sdk's `signRequest` as Duo's official clients do (v2: query or form
 * parameters signed; v5: JSON body hashed) and decodes the answer.
 */
export async function call(
  fetcher: Fetcher,
  keys: Keys,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  params: Record<string, Value> = {},
  opts: CallOptions = {},
): Promise<Answer> {
  const sigVersion = opts.sigVersion ?? 2;
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(params)) {
    for (const item of Array.isArray(v) ? v : [v]) pairs.push([k, String(item)]);
  }
  const hasBody = method === 'POST';
  let body = '';
  let query = '';
  let contentType: string | undefined;
  let signParams = pairs;
  if (!hasBody) {
    query = pairs.length > 0 ? `?${new URLSearchParams(pairs).toString()}` : '';
  } else if (sigVersion === 2) {
    body = new URLSearchParams(pairs).toString();
    contentType = 'application/x-www-form-urlencoded';
  } else {
    body = JSON.stringify(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? [...v] : v])));
    contentType = 'application/json';
    signParams = [];
  }
  const sig = signRequest({
    method,
    host: keys.api_hostname,
    path,
    params: signParams,
    ...(sigVersion === 5 ? { body } : {}),
    date: opts.date ?? new Date(),
    ikey: keys.integration_key,
    skey: keys.secret_key,
    sigVersion,
    ...(opts.digest ? { digest: opts.digest } : {}),
  });
  const headers: Record<string, string> = { ...sig.headers, host: keys.api_hostname };
  if (contentType) headers['content-type'] = contentType;
  const url = `${opts.baseUrl ?? `https://${keys.api_hostname}`}${path}${query}`;
  const response = await fetcher(
    new Request(url, { method, headers, ...(hasBody ? { body } : {}), ...(opts.signal ? { signal: opts.signal } : {}) }),
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let decoded: unknown = text;
  try {
    decoded = JSON.parse(text);
  } catch {
    // PNG logos and plain-text answers stay as they are.
  }
  return { status: response.status, body: decoded, headers: response.headers, bytes };
}
