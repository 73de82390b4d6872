import { createHash, randomBytes } from 'node:crypto';

/** Prefix of every hub token; lets scanners and the log scrubber recognise a leaked token. */
export const TOKEN_PREFIX = 'dh_';

/** A new random API token (`dh_` + 256 bits, base64url). Shown once; only its hash is stored. */
export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a token: tokens are high-entropy, so a fast unsalted hash is enough to look them up. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token from an `Authorization` header value, or undefined when it is not `Bearer <token>`. */
export function parseBearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
  return match?.[1];
}
