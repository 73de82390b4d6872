/** The pairs of a valid push_info, decoded, or every problem found. */
export type ParsedPushInfo = { ok: true; pairs: Array<[string, string]> } | { ok: false; errors: string[] };

/** Longest push_info accepted; Duo shows these lines on a phone screen. */
export const MAX_PUSH_INFO_LENGTH = 2048;

// Characters that may appear raw in a URL-encoded pair; everything else must be %XX-escaped.
const RAW = /^[A-Za-z0-9\-._~+*!'()%,:;@/$?]*$/;

/**
 * Checks a Duo `pushinfo` string: `key=value` pairs joined by `&`, each key and value URL-encoded
 * (`from=New%20York&ticket=1234`). Raw spaces, a second `=`, empty pairs or keys and broken `%`
 * escapes are errors, which Vault only discovers when a login fails.
 */
export function parsePushInfo(pushInfo: string): ParsedPushInfo {
  if (pushInfo === '') return { ok: true, pairs: [] };
  const errors: string[] = [];
  if (pushInfo.length > MAX_PUSH_INFO_LENGTH) errors.push(`is longer than ${MAX_PUSH_INFO_LENGTH} characters`);
  const pairs: Array<[string, string]> = [];
  pushInfo.split('&').forEach((pair, index) => {
    const where = `pair ${index + 1}`;
    if (pair === '') {
      errors.push(`${where} is empty (a stray "&")`);
      return;
    }
    const eq = pair.indexOf('=');
    if (eq === -1) {
      errors.push(`${where} has no "=": write key=value`);
      return;
    }
    const rawKey = pair.slice(0, eq);
    const rawValue = pair.slice(eq + 1);
    if (rawKey === '') errors.push(`${where} has an empty key`);
    if (rawValue.includes('=')) errors.push(`${where} has a second "=": encode it as %3D`);
    for (const [label, raw] of [['key', rawKey], ['value', rawValue]] as const) {
      if (!RAW.test(raw)) {
        const bad = [...raw].find((ch) => !RAW.test(ch)) ?? '';
        errors.push(`${where} ${label} has an unencoded ${describe(bad)}: URL-encode it`);
        continue;
      }
      if (/%(?![0-9A-Fa-f]{2})/.test(raw)) errors.push(`${where} ${label} has a "%" that is not a %XX escape`);
    }
    const key = decode(rawKey);
    const value = decode(rawValue);
    if (key === undefined || value === undefined) {
      if (!errors.some((e) => e.startsWith(where))) errors.push(`${where} does not decode as UTF-8`);
      return;
    }
    pairs.push([key, value]);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, pairs };
}

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function describe(ch: string): string {
  if (ch === ' ') return 'space';
  if (/[\u0000-\u001f\u007f]/.test(ch)) return 'control character';
  return `"${ch}"`;
}
