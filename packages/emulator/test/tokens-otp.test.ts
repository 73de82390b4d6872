import { describe, expect, it } from 'vitest';
import { checkResync } from '../src/tokens/check-resync.js';
import { findResyncCounter, totpCodesFit } from '../src/tokens/find-resync-counter.js';
import { resolveHardwareTokenOptions } from '../src/tokens/hardware-token-options.js';
import { hotp, totp } from '../src/tokens/hotp.js';
import type { HardwareToken } from '../src/state/types.js';

// RFC 4226 appendix D: the secret "12345678901234567890".
const RFC_SECRET = Buffer.from('12345678901234567890').toString('hex');

describe('hotp (RFC 4226 appendix D)', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [9, '520489'],
  ])('counter %i -> %s', (counter, code) => {
    expect(hotp(RFC_SECRET, counter, 6)).toBe(code);
  });

  it('totp is hotp of the time step (RFC 6238, SHA-1, 8 digits at 59 s)', () => {
    expect(totp(RFC_SECRET, 59, 30, 8)).toBe('94287082');
  });
});

describe('findResyncCounter', () => {
  const codesAt = (c: number) => [hotp(RFC_SECRET, c, 6), hotp(RFC_SECRET, c + 1, 6), hotp(RFC_SECRET, c + 2, 6)] as const;
  it.each<[string, number, readonly [string, string, string], number, number | undefined]>([
    ['in step', 0, codesAt(0), 10, 3],
    ['drifted ahead', 0, codesAt(7), 10, 10],
    ['beyond the window', 0, codesAt(12), 10, undefined],
    ['behind the counter', 5, codesAt(1), 10, undefined],
    ['not consecutive', 0, [hotp(RFC_SECRET, 0, 6), hotp(RFC_SECRET, 2, 6), hotp(RFC_SECRET, 3, 6)], 10, undefined],
  ])('%s', (_name, from, codes, window, expected) => {
    expect(findResyncCounter(RFC_SECRET, from, codes, 6, window)).toBe(expected);
  });

  it('totpCodesFit finds consecutive steps near now, either way', () => {
    const at = (step: number) => [0, 1, 2].map((i) => hotp(RFC_SECRET, step + i, 6)) as unknown as readonly [string, string, string];
    expect(totpCodesFit(RFC_SECRET, 3000, 30, at(98), 6, 5)).toBe(true);
    expect(totpCodesFit(RFC_SECRET, 3000, 30, at(80), 6, 5)).toBe(false);
  });
});

describe('checkResync', () => {
  const base: HardwareToken = { token_id: 'DH1', type: 'h6', serial: '1', totp_step: null, user_ids: [] };
  const defaults = resolveHardwareTokenOptions();
  const codes = [hotp(RFC_SECRET, 4, 6), hotp(RFC_SECRET, 5, 6), hotp(RFC_SECRET, 6, 6)] as const;
  it.each<[string, HardwareToken, readonly [string, string, string], Partial<typeof defaults>, unknown]>([
    ['HOTP with its secret: counter moves past the codes', { ...base, secret: RFC_SECRET, counter: 0 }, codes, {}, { ok: true, counter: 7 }],
    ['HOTP with wrong codes', { ...base, secret: RFC_SECRET, counter: 0 }, ['111111', '222222', '333333'], {}, { ok: false, detail: 'code1' }],
    ['a code of the wrong length', { ...base, secret: RFC_SECRET }, ['1234567', '222222', '333333'], {}, { ok: false, detail: 'code1' }],
    ['no secret, default accept', { ...base, type: 'd1' }, ['111111', '222222', '333333'], {}, { ok: true }],
    ['no secret, configured reject', { ...base, type: 'd1' }, ['111111', '222222', '333333'], { resyncWithoutSecret: 'reject' }, { ok: false, detail: expect.stringMatching(/^token_id/) }],
    ['TOTP, default reject', { ...base, type: 't6', secret: RFC_SECRET, totp_step: 30 }, codes, {}, { ok: false, detail: expect.stringMatching(/TOTP/) }],
    ['YubiKey', { ...base, type: 'yk' }, ['111111', '222222', '333333'], {}, { ok: false, detail: expect.stringMatching(/YubiKey/) }],
  ])('%s', (_name, token, given, options, expected) => {
    expect(checkResync(token, given, 0, { ...defaults, ...options })).toEqual(expected);
  });

  it('TOTP with totpResync verify checks the clock', () => {
    const token: HardwareToken = { ...base, type: 't6', secret: RFC_SECRET, totp_step: 30 };
    const now = 3000;
    const step = now / 30;
    const good = [0, 1, 2].map((i) => hotp(RFC_SECRET, step + i, 6)) as unknown as readonly [string, string, string];
    expect(checkResync(token, good, now, { ...defaults, totpResync: 'verify' })).toEqual({ ok: true });
  });
});
