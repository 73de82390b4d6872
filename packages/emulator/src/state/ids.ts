const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** Duo object ids: a two-letter prefix (`DU` user, `DP` phone, `DH` token, `DG` group, `DI` integration, `DA` account) and 18 uppercase alphanumerics. */
export function newId(prefix: 'DU' | 'DP' | 'DH' | 'DG' | 'DI' | 'DA' | 'DB' | 'DW', random: () => number): string {
  return prefix + pick(ALNUM, 18, random);
}

/** A 40-character secret key. */
export function newSecretKey(random: () => number): string {
  return pick(SECRET, 40, random);
}

/** An api_hostname such as `api-1a2b3c4d.duosecurity.com`. */
export function newApiHostname(random: () => number): string {
  return `api-${pick('0123456789abcdef', 8, random)}.duosecurity.com`;
}

/** A numeric code of `digits` digits (bypass codes are 9, passcodes 6). */
export function newNumericCode(digits: number, random: () => number): string {
  return pick('0123456789', digits, random);
}

/** A transaction id in Duo's UUID form. */
export function newTxid(random: () => number): string {
  const h = pick('0123456789abcdef', 32, random);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/** An enrollment code as `POST /admin/v1/users/enroll` answers it: 16 lowercase hex digits (`ba6e8bb687017eff`). */
export function newEnrollmentCode(random: () => number): string {
  return pick('0123456789abcdef', 16, random);
}
