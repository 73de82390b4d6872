import { createHash } from 'node:crypto';

/** Lowercase hex SHA-512 of a string's UTF-8 bytes (or of raw bytes), as v4/v5 canonical lines use. */
export function sha512Hex(data: string | Uint8Array): string {
  return createHash('sha512').update(data).digest('hex');
}
