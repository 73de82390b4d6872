/**
 * Percent-encodes a string the way Duo canonicalizes it: UTF-8 bytes, RFC 3986 unreserved
 * characters kept, everything else `%XX` with uppercase hex (space is `%20`, never `+`).
 */
export function percentEncode(value: string): string {
  // encodeURIComponent already uses uppercase hex and UTF-8; it leaves !'()* raw, which Duo escapes.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}
