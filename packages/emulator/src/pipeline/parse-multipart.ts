/** The text fields of a multipart/form-data body, or why it could not be read. */
export type MultipartResult = { ok: true; pairs: Array<[string, string]> } | { ok: false; error: string };

/**
 * Reads a `multipart/form-data` body (RFC 7578) into `[name, value]` pairs in arrival order, values
 * decoded as UTF-8. Parts that carry a `filename` are files, not parameters, and are left out: Duo's
 * parameters are all text, and a server keeps uploads apart from its arguments. Bare-LF line breaks
 * are accepted as well as CRLF, since hand-written test bodies use them.
 */
export function parseMultipart(body: Uint8Array, contentType: string): MultipartResult {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) return { ok: false, error: 'multipart/form-data without a boundary' };
  const data = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');

  let at = findDelimiter(data, delimiter, 0);
  if (at === -1) return { ok: false, error: 'Malformed multipart body: no boundary line' };
  const pairs: Array<[string, string]> = [];
  for (;;) {
    let cursor = at + delimiter.length;
    if (data[cursor] === 0x2d && data[cursor + 1] === 0x2d) return { ok: true, pairs };
    // Transport padding (spaces, tabs) may follow a boundary before its line break.
    while (data[cursor] === 0x20 || data[cursor] === 0x09) cursor++;
    const lineEnd = lineBreakLength(data, cursor);
    if (lineEnd === 0) return { ok: false, error: 'Malformed multipart body: boundary not followed by a line break' };
    cursor += lineEnd;

    const headerEnd = findHeaderEnd(data, cursor);
    if (headerEnd === undefined) return { ok: false, error: 'Malformed multipart body: part headers never end' };
    const headers = data.subarray(cursor, headerEnd.start).toString('utf8');
    const next = findDelimiter(data, delimiter, headerEnd.end);
    if (next === -1) return { ok: false, error: 'Malformed multipart body: missing closing boundary' };
    // The line break before a boundary belongs to the boundary, not to the part's content.
    const contentEnd = data[next - 2] === 0x0d ? next - 2 : next - 1;
    const disposition = dispositionOf(headers);
    if (disposition === undefined) return { ok: false, error: 'Malformed multipart body: a part has no form-data name' };
    if (disposition.filename === undefined) {
      pairs.push([disposition.name, data.subarray(headerEnd.end, Math.max(headerEnd.end, contentEnd)).toString('utf8')]);
    }
    at = next;
  }
}

/** The `boundary` parameter of a Content-Type, unquoted; undefined when absent or empty. */
export function boundaryOf(contentType: string): string | undefined {
  const semi = contentType.indexOf(';');
  const boundary = semi === -1 ? undefined : parseHeaderParams(contentType.slice(semi + 1)).get('boundary');
  return boundary === undefined || boundary === '' ? undefined : boundary;
}

// A delimiter counts only at the start of a line and when the line goes on with `--`, padding or
// its break (RFC 2046), so a value holding `--boundary` mid-line or as a longer word is not cut.
function findDelimiter(data: Buffer, delimiter: Buffer, from: number): number {
  let at = data.indexOf(delimiter, from);
  while (at !== -1) {
    const after = data[at + delimiter.length];
    const endsWell = after === undefined || after === 0x2d || after === 0x20 || after === 0x09 || after === 0x0d || after === 0x0a;
    if ((at === 0 || data[at - 1] === 0x0a) && endsWell) return at;
    at = data.indexOf(delimiter, at + 1);
  }
  return -1;
}

function lineBreakLength(data: Buffer, at: number): number {
  if (data[at] === 0x0d && data[at + 1] === 0x0a) return 2;
  return data[at] === 0x0a ? 1 : 0;
}

// Headers end at the first empty line; a part with no headers starts with that empty line.
function findHeaderEnd(data: Buffer, from: number): { start: number; end: number } | undefined {
  const immediate = lineBreakLength(data, from);
  if (immediate > 0) return { start: from, end: from + immediate };
  for (let i = data.indexOf(0x0a, from); i !== -1; i = data.indexOf(0x0a, i + 1)) {
    const next = lineBreakLength(data, i + 1);
    if (next > 0) return { start: data[i - 1] === 0x0d ? i - 1 : i, end: i + 1 + next };
  }
  return undefined;
}

function dispositionOf(headers: string): { name: string; filename: string | undefined } | undefined {
  for (const line of headers.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const value = line.slice(colon + 1);
    const semi = value.indexOf(';');
    if (value.slice(0, semi === -1 ? undefined : semi).trim().toLowerCase() !== 'form-data') return undefined;
    const params = parseHeaderParams(semi === -1 ? '' : value.slice(semi + 1));
    const name = params.get('name');
    return name === undefined ? undefined : { name, filename: params.get('filename') ?? params.get('filename*') };
  }
  return undefined;
}

// `a=b; c="d \"e\""` -> Map { a: 'b', c: 'd "e"' }; keys lower-cased.
function parseHeaderParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ';' || text[i] === ' ' || text[i] === '\t')) i++;
    const eq = text.indexOf('=', i);
    if (eq === -1) break;
    const key = text.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      i++;
    } else {
      const end = text.indexOf(';', i);
      value = text.slice(i, end === -1 ? undefined : end).trim();
      i = end === -1 ? text.length : end;
    }
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}
