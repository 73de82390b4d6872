import { timingSafeEqual } from 'node:crypto';
import { canonicalizeRequest, hmacHex, type CanonicalInput, type SigDigest } from '@duohub/sdk';
import { fail } from '../duo-result.js';
import type { DuoResult } from '../route.js';
import { parseDuoDate } from './parse-duo-date.js';

/** Everything signature verification reads from a request, already decoded. */
export interface SignatureInput {
  method: string;
  /** Hosts to try, the request's own first (lower-cased, no port). */
  hosts: readonly string[];
  /** Request-target path before `?`, undecoded. */
  path: string;
  authorization: string | null;
  /** `X-Duo-Date` when sent, else `Date`. */
  date: string | null;
  queryPairs: ReadonlyArray<[string, string]>;
  /** Pairs of a url-encoded form body or the text fields of a multipart/form-data body; empty otherwise. */
  formPairs: ReadonlyArray<[string, string]>;
  /** The raw body bytes as received. */
  body: Uint8Array;
  /** Every `x-duo-*` header, lower-cased names. */
  xDuoHeaders: Readonly<Record<string, string>>;
  nowMs: number;
  clockSkewSec: number;
  rejectSha1: boolean;
  /** The secret key of an integration key, undefined when no account holds it. */
  secretFor(ikey: string): string | undefined;
}

/** A verified request: which key signed it, how, and over which host. */
export interface SignatureMatch {
  ok: true;
  ikey: string;
  sigVersion: 1 | 2 | 4 | 5;
  digest: SigDigest;
  host: string;
}

/** A match, or the Duo failure to answer with (40101, 40102 or 40103). */
export type SignatureVerdict = SignatureMatch | { ok: false; result: Extract<DuoResult, { kind: 'fail' }> };

const missing = () => fail(401, 40101, 'Missing request credentials') as Extract<DuoResult, { kind: 'fail' }>;
const unknownKey = () =>
  fail(401, 40102, 'Invalid integration key in request credentials') as Extract<DuoResult, { kind: 'fail' }>;
const badSignature = () =>
  fail(401, 40103, 'Invalid signature in request credentials') as Extract<DuoResult, { kind: 'fail' }>;

/**
 * Checks a request's HMAC the way Duo does (API.md 1.9): any of v1, v2 (SHA-1 by hex length, or
 * SHA-512), v4 and v5 is accepted; dated versions only inside the skew window. v1/v2 sign the
 * decoded parameters (query plus form or multipart fields); v4/v5 hash the body bytes exactly as
 * received, whatever their encoding. The canonical strings come from @duohub/sdk, so client and
 * server can never disagree on canonicalization.
 */
export function verifySignature(input: SignatureInput): SignatureVerdict {
  const credentials = parseAuthorization(input.authorization);
  if (!credentials) return { ok: false, result: missing() };
  const skey = input.secretFor(credentials.ikey);
  if (skey === undefined) return { ok: false, result: unknownKey() };

  const given = credentials.signature.toLowerCase();
  const digest: SigDigest | undefined = given.length === 40 ? 'sha1' : given.length === 128 ? 'sha512' : undefined;
  if (!digest || !/^[0-9a-f]+$/.test(given)) return { ok: false, result: badSignature() };
  if (digest === 'sha1' && input.rejectSha1) return { ok: false, result: badSignature() };
  const givenBytes = Buffer.from(given, 'hex');

  const dateMs = input.date === null ? undefined : parseDuoDate(input.date);
  const dateFresh = dateMs !== undefined && Math.abs(input.nowMs - dateMs) <= input.clockSkewSec * 1000;
  const allPairs = [...input.queryPairs, ...input.formPairs];

  for (const host of input.hosts) {
    const base = { method: input.method, host, path: input.path, date: input.date ?? '' };
    const candidates: Array<[1 | 2 | 4 | 5, CanonicalInput]> = [[1, { ...base, params: allPairs, sigVersion: 1 }]];
    if (dateFresh) {
      candidates.push([2, { ...base, params: allPairs, sigVersion: 2 }]);
      if (digest === 'sha512') {
        candidates.push([4, { ...base, params: allPairs, body: input.body, sigVersion: 4 }]);
        candidates.push([
          5,
          { ...base, params: input.queryPairs, body: input.body, xDuoHeaders: input.xDuoHeaders, sigVersion: 5 },
        ]);
      }
    }
    for (const [sigVersion, canonicalInput] of candidates) {
      const canonical = tryCanonicalize(canonicalInput);
      if (canonical === undefined) continue;
      const expected = Buffer.from(hmacHex(skey, canonical, digest), 'hex');
      if (expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes)) {
        return { ok: true, ikey: credentials.ikey, sigVersion, digest, host };
      }
    }
  }
  return { ok: false, result: badSignature() };
}

/** Splits `Basic base64(ikey:signature)`; undefined when the header is absent or malformed. */
export function parseAuthorization(header: string | null): { ikey: string; signature: string } | undefined {
  if (header === null) return undefined;
  const m = /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { ikey: decoded.slice(0, colon), signature: decoded.slice(colon + 1) };
}

// The SDK refuses x-duo headers no client may send (NUL bytes); such a request matches no v5 candidate.
function tryCanonicalize(input: CanonicalInput): string | undefined {
  try {
    return canonicalizeRequest(input);
  } catch {
    return undefined;
  }
}
