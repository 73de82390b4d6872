/** Limits of a LIST request read outside Node's parser. */
export interface ListHeadLimits {
  /** Largest request head (request line and headers), bytes; Node's default is 16 KiB. */
  maxHeadBytes: number;
  /** Largest body, bytes (Vault's LIST carries none; a small one is read and passed on). */
  maxBodyBytes: number;
}

/** What `readListHead` made of the bytes so far. */
export type ListHead =
  | { kind: 'incomplete' }
  | { kind: 'invalid'; status: 400 | 413 | 431; reason: string }
  | {
      kind: 'ok';
      /** The request target as sent (origin form, e.g. `/v1/identity/mfa/method/duo?x=1`). */
      target: string;
      httpVersion: '1.0' | '1.1';
      /** Header name/value pairs in order, names as sent. */
      headers: Array<[string, string]>;
      /** Bytes of the head including the blank line. */
      headLength: number;
      contentLength: number;
      /** Whether the connection stays open after the answer (HTTP/1.1 unless `close`; 1.0 only with `keep-alive`). */
      keepAlive: boolean;
    };

const REQUEST_LINE = /^LIST (\/[!-~]*) HTTP\/1\.([01])$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: visible ASCII, obs-text and tabs/spaces; no other control characters.
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * Reads the head of one `LIST` request, strictly: an origin-form target, HTTP/1.0 or 1.1, header
 * names that are tokens, no line folding, no control characters, Host required on 1.1, a single
 * Content-Length and no Transfer-Encoding. Anything looser is refused rather than guessed at, so
 * this reader never accepts what Node's own parser would reject for another method.
 */
export function readListHead(bytes: Buffer, limits: ListHeadLimits): ListHead {
  const end = bytes.indexOf('\r\n\r\n', 0, 'latin1');
  if (end === -1) {
    return bytes.length > limits.maxHeadBytes ? { kind: 'invalid', status: 431, reason: 'request head too large' } : { kind: 'incomplete' };
  }
  if (end + 4 > limits.maxHeadBytes) return { kind: 'invalid', status: 431, reason: 'request head too large' };
  const lines = bytes.toString('latin1', 0, end).split('\r\n');
  const requestLine = REQUEST_LINE.exec(lines[0] ?? '');
  if (!requestLine) return { kind: 'invalid', status: 400, reason: 'malformed request line' };
  const httpVersion = requestLine[2] === '1' ? '1.1' : '1.0';

  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) return { kind: 'invalid', status: 400, reason: 'malformed header line' };
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (BAD_VALUE.test(value)) return { kind: 'invalid', status: 400, reason: 'control character in a header value' };
    headers.push([name, value]);
  }

  const values = (name: string) => headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
  if (values('transfer-encoding').length > 0) return { kind: 'invalid', status: 400, reason: 'LIST takes no chunked body' };
  const hosts = values('host');
  if (hosts.length > 1 || (httpVersion === '1.1' && hosts.length === 0)) return { kind: 'invalid', status: 400, reason: 'exactly one Host header is required' };

  const lengths = [...new Set(values('content-length').flatMap((v) => v.split(',').map((s) => s.trim())))];
  if (lengths.length > 1 || (lengths.length === 1 && !/^\d{1,15}$/.test(lengths[0]!))) {
    return { kind: 'invalid', status: 400, reason: 'malformed Content-Length' };
  }
  const contentLength = lengths.length === 1 ? Number(lengths[0]) : 0;
  if (contentLength > limits.maxBodyBytes) return { kind: 'invalid', status: 413, reason: 'body too large' };

  const connection = values('connection').flatMap((v) => v.toLowerCase().split(',').map((s) => s.trim()));
  const keepAlive = httpVersion === '1.1' ? !connection.includes('close') : connection.includes('keep-alive');
  return { kind: 'ok', target: requestLine[1]!, httpVersion, headers, headLength: end + 4, contentLength, keepAlive };
}
