// Lone surrogates: a high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds a lone surrogate, which has no UTF-8 form (JSON's `"\ud800"` parses to one). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * The dotted path (`admin.secret_key`, `email_domains.0`; `''` for the value itself) of the first
 * string or object key in parsed JSON that holds a lone surrogate, or undefined when all text is
 * valid. Such text cannot be stored faithfully: SQLite keeps replacement characters, Postgres
 * refuses it in JSON columns.
 */
export function findLoneSurrogate(value: unknown, path: readonly string[] = []): string | undefined {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? path.join('.') : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findLoneSurrogate(value[i], [...path, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      // A bad key is named by its parent's path: the key itself cannot be shown as text.
      if (hasLoneSurrogate(key)) return path.join('.');
      const found = findLoneSurrogate(child, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Whether percent-encoded text (a query or path component) decodes to bytes that are not UTF-8,
 * such as `%ED%A0%80` (a surrogate encoded as if it were a character). Sequences that are not
 * percent escapes stay literal, as URL parsers treat them.
 */
export function isMalformedPercentText(encoded: string): boolean {
  if (!encoded.includes('%')) return false;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const escape = /^%[0-9A-Fa-f]{2}/.exec(encoded.slice(i, i + 3));
    if (escape) {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(encoded[i]!, 'utf8'));
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    return false;
  } catch {
    return true;
  }
}

/** The name of the first query parameter whose name or value is not UTF-8 once decoded, or undefined. */
export function findMalformedQueryParam(search: string): string | undefined {
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    if (isMalformedPercentText(name)) return name;
    if (isMalformedPercentText(value)) return decodeName(name);
  }
  return undefined;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // Stray `%` signs: the name as sent is still the best way to point at it.
    return name;
  }
}
