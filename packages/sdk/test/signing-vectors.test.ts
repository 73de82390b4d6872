import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  canonicalizeParams,
  canonicalizeRequest,
  canonicalizeXDuoHeaders,
  sha512Hex,
  signRequest,
  type SigVersion,
} from '../src/index.js';

interface Vector {
  id: string;
  kind: 'canon_params' | 'canonical' | 'sign' | 'body_hash';
  sig_version?: SigVersion;
  hmac?: 'sha512' | 'sha1';
  ikey?: string;
  skey?: string;
  date?: string;
  method?: string;
  host?: string;
  path?: string;
  params?: Array<[string, string]>;
  body?: string;
  x_duo_headers?: Record<string, string>;
  expected_canon_params?: string;
  expected_canonical?: string;
  expected_x_duo_headers_hash?: string;
  expected_sha512_hex?: string;
  expected_signature_hex?: string;
  expected_authorization?: string;
  authorization_derived?: string;
}

// The committed copy, plus the shared file when it sits beside the checkout: it may hold more vectors.
const sources = [
  fileURLToPath(new URL('./fixtures/duo-vectors.json', import.meta.url)),
  fileURLToPath(new URL('../../../../shared/duo/vectors.json', import.meta.url)),
];
const byId = new Map<string, Vector>();
for (const file of sources) {
  if (!existsSync(file)) continue;
  for (const v of JSON.parse(readFileSync(file, 'utf8')) as Vector[]) byId.set(v.id, v);
}
const vectors = [...byId.values()];

function request(v: Vector) {
  return {
    method: v.method ?? 'GET',
    host: v.host ?? '',
    path: v.path ?? '',
    params: v.params ?? [],
    body: v.body,
    xDuoHeaders: v.x_duo_headers,
    date: v.date ?? '',
    sigVersion: v.sig_version ?? 2,
  };
}

describe('Duo signing vectors', () => {
  it('has vectors of every kind', () => {
    expect(new Set(vectors.map((v) => v.kind))).toEqual(new Set(['canon_params', 'canonical', 'sign', 'body_hash']));
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    if (v.expected_canon_params !== undefined) {
      expect(canonicalizeParams(v.params ?? [])).toBe(v.expected_canon_params);
    }
    if (v.expected_canonical !== undefined) {
      expect(canonicalizeRequest(request(v))).toBe(v.expected_canonical);
    }
    if (v.expected_x_duo_headers_hash !== undefined) {
      expect(canonicalizeXDuoHeaders(v.x_duo_headers)).toBe(v.expected_x_duo_headers_hash);
    }
    if (v.expected_sha512_hex !== undefined) {
      expect(sha512Hex(v.body ?? '')).toBe(v.expected_sha512_hex);
    }
    const authorization = v.expected_authorization ?? v.authorization_derived;
    if (v.kind === 'sign') {
      const signed = signRequest({ ...request(v), ikey: v.ikey!, skey: v.skey!, digest: v.hmac ?? 'sha512' });
      if (v.expected_signature_hex !== undefined) expect(signed.signature).toBe(v.expected_signature_hex);
      expect(signed.authorization).toBe(authorization);
      expect(signed.headers['Authorization']).toBe(authorization);
    }
  });
});
