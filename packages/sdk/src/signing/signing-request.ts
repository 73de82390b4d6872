import type { DuoParams } from './params.js';

/** Canonicalization versions Duo has defined; 3 was never public. */
export type SigVersion = 1 | 2 | 4 | 5;

/** HMAC digests; SHA-1 exists only for v1/v2 legacy verification. */
export type SigDigest = 'sha512' | 'sha1';

/** Everything that goes into one signature. */
export interface SigningRequest {
  method: string;
  host: string;
  path: string;
  /** v1/v2: query or form parameters. v4/v5: query-string parameters only (JSON bodies go in `body`). */
  params?: DuoParams;
  /** v4/v5: the exact body as sent (empty for GET/DELETE); bytes when it is not text, e.g. a multipart upload. */
  body?: string | Uint8Array;
  /** v5: extra `x-duo-*` headers; a date sent as X-Duo-Date is added here by `signRequest`. */
  xDuoHeaders?: Readonly<Record<string, string>>;
  /** The date line; a Date is formatted with `formatDuoDate`. Ignored by v1. */
  date: string | Date;
  ikey: string;
  skey: string;
  sigVersion: SigVersion;
  /** Defaults to sha512; sha1 is allowed for v1 and v2 only. */
  digest?: SigDigest;
  /** Which header carries the date; defaults to `Date`. With v5, X-Duo-Date also joins the header hash. */
  dateHeader?: 'Date' | 'X-Duo-Date';
}
