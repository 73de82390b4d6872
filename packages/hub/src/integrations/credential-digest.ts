import { createHmac } from 'node:crypto';

/** What identifies one Duo credential set as a connection pool sees it. */
export interface CredentialIdentity {
  host: string;
  ikey: string;
  skey: string;
  /** Where the calls connect (a base URL or connect-to origin); undefined means `https://<host>`. */
  origin: string | undefined;
  sigVersion: number;
}

/**
 * A keyed digest (HMAC-SHA256, hex) of a credential set: equal for equal sets, different when any
 * part changes (a rotated secret key, a new host or base URL), and useless to anyone without `key`,
 * so cache keys and heap snapshots never show the secret key. Pure.
 */
export function credentialDigest(key: Buffer, set: CredentialIdentity): string {
  // A JSON array keeps the parts apart: no concatenation of two fields can equal another set's.
  const parts = [set.host.toLowerCase(), set.ikey, set.skey, set.origin ?? '', set.sigVersion];
  return createHmac('sha256', key).update(JSON.stringify(parts)).digest('hex');
}
