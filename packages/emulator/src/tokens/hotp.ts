import { createHmac } from 'node:crypto';

/** The RFC 4226 HOTP code of a hex secret at `counter`, `digits` long (zero-padded). */
export function hotp(secretHex: string, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', Buffer.from(secretHex, 'hex')).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The RFC 6238 TOTP code of a hex secret at Unix second `unixSeconds` with a `stepSeconds` step. */
export function totp(secretHex: string, unixSeconds: number, stepSeconds: number, digits: number): string {
  return hotp(secretHex, Math.floor(unixSeconds / stepSeconds), digits);
}
