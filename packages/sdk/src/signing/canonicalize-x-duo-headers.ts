import { sha512Hex } from './sha512-hex.js';

/**
 * The v5 header line: `x-duo-*` headers with lower-cased names, sorted by name, flattened to
 * name,value,name,value joined by NUL, then SHA-512 hex. No headers hash the empty string.
 * Throws on what Duo's clients refuse: NUL bytes, duplicate names, names outside `x-duo-`.
 */
export function canonicalizeXDuoHeaders(headers: Readonly<Record<string, string>> | undefined): string {
  const entries: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-duo-')) throw new TypeError(`header ${name} is not an x-duo- header`);
    if (name.includes('\0') || value.includes('\0')) throw new TypeError(`header ${name} contains a NUL byte`);
    if (seen.has(lower)) throw new TypeError(`header ${name} is given twice`);
    seen.add(lower);
    entries.push([lower, value]);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return sha512Hex(entries.flat().join('\0'));
}
