/**
 * Bits that `estimateTokenEntropy` of an operator-chosen admin token must exceed (the hub's own
 * tokens carry 256). Exceed, not reach: 16 random bytes in hex estimate at 128 at best and would
 * otherwise pass or fail by chance; 24 bytes or more in any common encoding always pass.
 */
export const ADMIN_TOKEN_BITS_FLOOR = 128;

/** Characters an operator-chosen admin token must have at least (a generated hub token has 46). */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/**
 * A guesser's view of a token's strength: log2 of the alphabet its character classes span, times
 * the characters that a simple pattern does not predict. A character is predicted when it repeats
 * the one before, continues a run of consecutive code points (`abc`, `321`), or continues a block
 * of three or more seen earlier (`abcabc`, `passwordpassword`). Dictionary words are not recognised, which is why
 * `MIN_ADMIN_TOKEN_LENGTH` comes on top. Random output (`openssl rand -base64 32`) is barely discounted.
 */
export function estimateTokenEntropy(token: string): number {
  const chars = Array.from(token);
  const codes = chars.map((ch) => ch.codePointAt(0)!);
  let unpredicted = 0;
  for (let i = 0; i < chars.length; i++) if (!isPredicted(chars, codes, i)) unpredicted++;
  const pool = alphabetSize(chars);
  return pool <= 1 ? 0 : unpredicted * Math.log2(pool);
}

/** Whether `chars[i]` follows from the characters before it by one of the simple patterns. */
function isPredicted(chars: string[], codes: number[], i: number): boolean {
  if (i === 0) return false;
  if (chars[i] === chars[i - 1]) return true;
  if (i >= 2) {
    const step = codes[i]! - codes[i - 1]!;
    if (Math.abs(step) === 1 && codes[i - 1]! - codes[i - 2]! === step) return true;
  }
  // Continues a block: the three characters ending here appeared `p` characters earlier. (Pairs
  // would be too eager: random hex repeats some pair by chance in most 32-character strings.)
  for (let p = 1; p <= Math.min(i - 2, 64); p++) {
    if (chars[i - p] === chars[i] && chars[i - 1 - p] === chars[i - 1] && chars[i - 2 - p] === chars[i - 2]) return true;
  }
  return false;
}

/** Size of the alphabet the token's character classes span. */
function alphabetSize(chars: string[]): number {
  // Hex output (`openssl rand -hex 32`) spans 16 symbols, not letters plus digits.
  if (chars.every((ch) => /[0-9a-f]/.test(ch)) || chars.every((ch) => /[0-9A-F]/.test(ch))) return 16;
  const has = (re: RegExp) => chars.some((ch) => re.test(ch));
  let pool = 0;
  if (has(/[a-z]/)) pool += 26;
  if (has(/[A-Z]/)) pool += 26;
  if (has(/[0-9]/)) pool += 10;
  if (has(/[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/)) pool += 32;
  // Beyond ASCII a guesser's alphabet is open-ended; counting 100 more keeps the estimate modest.
  if (has(/[^\x00-\x7f]/)) pool += 100;
  return pool;
}
