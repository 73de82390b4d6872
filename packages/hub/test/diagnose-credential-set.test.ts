import { describe, expect, it } from 'vitest';
import { diagnoseCredentialSet, type SetProbes } from '../src/integrations/diagnose-credential-set.js';
import { toProbeOutcome, type ProbeOutcome } from '../src/integrations/probe-outcome.js';

const ok: ProbeOutcome = { kind: 'ok' };
const forbidden: ProbeOutcome = { kind: 'duo_error', status: 403, code: 40301, message: 'Access forbidden' };
const wrongType: ProbeOutcome = { ...forbidden, detail: 'Wrong integration type for this API.' } as ProbeOutcome;
const badSig: ProbeOutcome = { kind: 'duo_error', status: 401, code: 40103, message: 'Invalid signature in request credentials' };
const allGrants = { read_resource: ok, settings: ok, read_log: ok };

function probes(kind: SetProbes['kind'], primary: ProbeOutcome, extra: Partial<SetProbes> = {}): SetProbes {
  return { kind, api_host: 'api-x.duosecurity.com', skewSeconds: 0, primary, ...extra };
}

describe('diagnoseCredentialSet', () => {
  const cases: Array<[string, SetProbes, string, string[]?]> = [
    ['auth keys work', probes('auth', ok), 'ok'],
    ['accounts keys work', probes('accounts', ok), 'ok'],
    ['admin keys with every read grant', probes('admin', ok, { grantProbes: allGrants }), 'ok'],
    ['DNS failure', probes('auth', { kind: 'connection_failed', failure: 'dns' }), 'wrong_host'],
    ['connection refused', probes('admin', { kind: 'connection_failed', failure: 'refused' }), 'unreachable'],
    ['connection reset', probes('admin', { kind: 'connection_failed', failure: 'reset' }), 'unreachable'],
    ['DNS failure behind a base URL (not told apart)', probes('auth', { kind: 'connection_failed', failure: 'dns' }, { custom: true }), 'unreachable'],
    ['a non-Duo 502 behind a base URL', probes('auth', { kind: 'not_duo', status: 502 }, { custom: true }), 'wrong_host'],
    ['a web server answering 404 without a Duo body', probes('accounts', { kind: 'not_duo', status: 404 }), 'wrong_host'],
    ['a proxy answering 502 without a Duo body', probes('auth', { kind: 'not_duo', status: 502 }), 'unreachable'],
    ['timeout', probes('auth', { kind: 'timeout' }), 'unreachable'],
    ['Duo 500/50001', probes('admin', { kind: 'duo_error', status: 500, code: 50001 }), 'unreachable'],
    ['Duo 429', probes('admin', { kind: 'duo_error', status: 429, code: 42901 }), 'unreachable'],
    ['unknown ikey', probes('admin', { kind: 'duo_error', status: 401, code: 40102 }), 'wrong_integration_key'],
    ['bad signature, clocks agree', probes('auth', badSig, { skewSeconds: 3 }), 'wrong_secret_key'],
    ['bad signature, skew inside the window', probes('auth', badSig, { skewSeconds: 299 }), 'wrong_secret_key'],
    ['bad signature, skew unknown', probes('auth', badSig, { skewSeconds: null }), 'wrong_secret_key'],
    ['bad signature, our clock far behind', probes('auth', badSig, { skewSeconds: 3600 }), 'clock_skew'],
    ['bad signature, our clock far ahead', probes('admin', badSig, { skewSeconds: -301 }), 'clock_skew'],
    ['auth keys on the Admin API', probes('admin', wrongType), 'wrong_application_type'],
    ['admin keys on the Auth API', probes('auth', wrongType), 'wrong_application_type'],
    ['admin keys on the Accounts API', probes('accounts', wrongType), 'wrong_application_type'],
    [
      'admin keys without read information',
      probes('admin', forbidden, { grantProbes: allGrants }),
      'missing_grant',
      ['info'],
    ],
    [
      'admin keys without read log and settings',
      probes('admin', ok, { grantProbes: { read_resource: ok, settings: forbidden, read_log: forbidden } }),
      'missing_grant',
      ['settings', 'read_log'],
    ],
    [
      'admin keys where a grant probe was rate limited (unknown, not missing)',
      probes('admin', ok, { grantProbes: { ...allGrants, read_log: { kind: 'duo_error', status: 429, code: 42901 } } }),
      'ok',
    ],
    ['40101 (credentials stripped on the way)', probes('auth', { kind: 'duo_error', status: 401, code: 40101 }), 'unexpected_error'],
    ['a 403 on the Auth API without the wrong-type detail', probes('auth', forbidden), 'unexpected_error'],
    ['a local error', probes('auth', { kind: 'error', message: 'boom' }), 'unexpected_error'],
  ];

  it.each(cases)('%s -> %s', (_name, input, status, missing) => {
    const result = diagnoseCredentialSet(input, { skewWindowSec: 300 });
    expect(result.status).toBe(status);
    expect(result.ok).toBe(status === 'ok');
    expect(result.kind).toBe(input.kind);
    expect(result.message.length).toBeGreaterThan(10);
    if (missing) expect(result.missing_grants).toEqual(missing);
  });

  it('reports write resource as not checked and names each grant state', () => {
    const result = diagnoseCredentialSet(
      probes('admin', ok, { grantProbes: { read_resource: ok, settings: forbidden, read_log: { kind: 'timeout' } } }),
      { skewWindowSec: 300 },
    );
    expect(result.grants).toEqual({
      read_resource: 'present',
      write_resource: 'not_checked',
      settings: 'missing',
      info: 'present',
      read_log: 'unknown',
    });
  });

  it('honours a configured skew window', () => {
    const input = probes('auth', badSig, { skewSeconds: 120 });
    expect(diagnoseCredentialSet(input, { skewWindowSec: 300 }).status).toBe('wrong_secret_key');
    expect(diagnoseCredentialSet(input, { skewWindowSec: 60 }).status).toBe('clock_skew');
  });
});

describe('toProbeOutcome', () => {
  const named = (name: string, fields: Record<string, unknown>) => Object.assign(new Error('m'), { name, ...fields });
  it.each([
    ['timeout', named('DuoTimeoutError', { timeoutMs: 10 }), { kind: 'timeout' }],
    ['dns', named('DuoConnectionError', { failure: 'dns' }), { kind: 'connection_failed', failure: 'dns' }],
    ['duo body', named('DuoAuthenticationError', { status: 401, code: 40102 }), { kind: 'duo_error', status: 401, code: 40102 }],
    ['non-duo body', named('DuoNotFoundError', { status: 404, code: undefined }), { kind: 'not_duo', status: 404 }],
    ['other', new TypeError('x'), { kind: 'error' }],
  ])('%s', (_n, error, expected) => {
    expect(toProbeOutcome(error)).toMatchObject(expected);
  });
});
