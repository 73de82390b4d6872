import { createHmac, timingSafeEqual } from 'node:crypto';

// Two labels, two derived values: the id is short because it travels in every sealed value; the
// check is full-length so that a (2^-64) id collision can never let a wrong key pass the start check.
const ID_LABEL = 'duohub master key id';
const CHECK_LABEL = 'duohub master key check';

/** 16 hex characters naming a master key (HMAC of a fixed label): safe to log, store and print. */
export function keyId(key: Buffer): string {
  return createHmac('sha256', key).update(ID_LABEL).digest().subarray(0, 8).toString('hex');
}

/** A full-strength value the store records to prove, on start, that a key is the one it was sealed with. */
export function keyCheckValue(key: Buffer): string {
  return createHmac('sha256', key).update(CHECK_LABEL).digest('base64url');
}

/** Whether `key` produced `recorded` (compared in constant time). */
export function keyMatchesCheck(key: Buffer, recorded: string): boolean {
  const expected = Buffer.from(keyCheckValue(key));
  const given = Buffer.from(recorded);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
