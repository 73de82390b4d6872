import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-duohub-signature';

/**
 * The signature header value for one request: HMAC-SHA256 with the destination's secret over
 * `<timestamp>.<body>` (timestamp in unix seconds), so a receiver can refuse replays of old bodies.
 */
export function signWebhookBody(secret: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
  return `t=${timestampSec},v1=${mac}`;
}

/**
 * Whether a signature header is valid for `body` and no older (or newer) than `toleranceSec` at
 * `nowSec` (receivers can copy this; it compares in constant time).
 */
export function verifyWebhookSignature(secret: string, header: string | null | undefined, body: string, nowSec: number, toleranceSec = 300): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
