import { describe, expect, it } from 'vitest';
import { bypassCodeRisk, classifyUser, coverageStatus, factorClass, hasMfa, percent, type CoverageUser } from '../../src/reports/mfa-coverage/index.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const NOW_S = NOW / 1000;
const DAY = 86_400;

const push = { capabilities: ['auto', 'push', 'sms', 'phone', 'mobile_otp'], activated: true };
const pushUnactivated = { capabilities: ['auto', 'push', 'sms', 'phone'], activated: false };
const smsVoice = { capabilities: ['auto', 'sms', 'phone'], activated: false };
const landline = { capabilities: ['auto', 'phone'], activated: false };
const bare = {};
const token = { token_id: 'DH1', type: 'yk', serial: '1' };
const key = { webauthnkey: 'WA1' };

const user = (fields: Partial<CoverageUser>): CoverageUser => ({ user_id: 'DU1', username: 'ann', ...fields });

describe('factorClass and hasMfa (precedence: webauthn, push, token, other phone, none)', () => {
  const cases: Array<[string, Partial<CoverageUser>, string]> = [
    ['nothing at all', {}, 'none'],
    ['empty device lists', { phones: [], tokens: [], webauthncredentials: [], u2ftokens: [] }, 'none'],
    ['activated Duo Mobile', { phones: [push] }, 'push_capable'],
    ['push in capabilities, activated field missing', { phones: [{ capabilities: ['push'] }] }, 'push_capable'],
    ['push listed but not activated', { phones: [pushUnactivated] }, 'sms_voice_only'],
    ['mobile without Duo Mobile', { phones: [smsVoice] }, 'sms_voice_only'],
    ['landline', { phones: [landline] }, 'sms_voice_only'],
    ['phone without capabilities', { phones: [bare] }, 'sms_voice_only'],
    ['hardware token only', { tokens: [token] }, 'hardware_token'],
    ['WebAuthn only', { webauthncredentials: [key] }, 'webauthn'],
    ['push and token', { phones: [push], tokens: [token] }, 'push_capable'],
    ['sms phone and token', { phones: [smsVoice], tokens: [token] }, 'hardware_token'],
    ['push and WebAuthn', { phones: [push], webauthncredentials: [key] }, 'webauthn'],
    ['landline then Duo Mobile', { phones: [landline, push] }, 'push_capable'],
    ['U2F only (not in the Zeron rule)', { u2ftokens: [{ registration_id: 'U1' }] }, 'none'],
    ['devices not arrays (malformed)', { phones: 'x' as never, tokens: null as never }, 'none'],
  ];
  it.each(cases)('%s -> %s', (_name, fields, expected) => {
    const u = user(fields);
    expect(factorClass(u)).toBe(expected);
    expect(hasMfa(u)).toBe(expected !== 'none');
  });

  it('counts U2F as WebAuthn when asked', () => {
    const u = user({ u2ftokens: [{}], phones: [push] });
    expect(factorClass(u, { countU2f: true })).toBe('webauthn');
    expect(hasMfa(user({ u2ftokens: [{}] }), { countU2f: true })).toBe(true);
  });
});

describe('coverageStatus', () => {
  it.each([
    ['active', 'active'],
    ['bypass', 'bypass'],
    ['disabled', 'disabled'],
    ['locked out', 'locked_out'],
    ['Locked Out', 'locked_out'],
    ['locked_out', 'locked_out'],
    ['pending deletion', 'pending_deletion'],
    ['pending-deletion', 'pending_deletion'],
    [' active ', 'active'],
    ['suspended', 'unknown'],
    ['', 'unknown'],
    [undefined, 'unknown'],
  ])('%j -> %s', (input, expected) => {
    expect(coverageStatus(input)).toBe(expected);
  });
});

describe('bypassCodeRisk', () => {
  it.each([
    ['never expires, single use', { expiration: null, reuse_count: 1 }, { live: true, neverExpires: true, unlimitedReuse: false, risky: true }],
    ['expires later, unlimited reuse', { expiration: NOW_S + DAY, reuse_count: null }, { live: true, neverExpires: false, unlimitedReuse: true, risky: true }],
    ['expires later, single use', { expiration: NOW_S + DAY, reuse_count: 1 }, { live: true, neverExpires: false, unlimitedReuse: false, risky: false }],
    ['expired, unlimited reuse', { expiration: NOW_S - DAY, reuse_count: null }, { live: false, neverExpires: false, unlimitedReuse: true, risky: false }],
    ['expires exactly now', { expiration: NOW_S, reuse_count: null }, { live: false, neverExpires: false, unlimitedReuse: true, risky: false }],
    ['expires one second later', { expiration: NOW_S + 1, reuse_count: 3 }, { live: true, neverExpires: false, unlimitedReuse: false, risky: false }],
    ['never expires, unlimited', { expiration: null, reuse_count: null }, { live: true, neverExpires: true, unlimitedReuse: true, risky: true }],
    ['no uses left (0)', { expiration: NOW_S + DAY, reuse_count: 0 }, { live: true, neverExpires: false, unlimitedReuse: false, risky: false }],
    ['fields missing: flagged', {}, { live: true, neverExpires: true, unlimitedReuse: true, risky: true }],
  ])('%s', (_name, code, expected) => {
    expect(bypassCodeRisk(code, NOW)).toEqual(expected);
  });
});

describe('classifyUser', () => {
  it.each([
    ['never logged in', { last_login: null }, { neverLoggedIn: true, stale: false }],
    ['last_login missing', {}, { neverLoggedIn: true, stale: false }],
    ['logged in yesterday', { last_login: NOW_S - DAY }, { neverLoggedIn: false, stale: false }],
    ['89 days 23:59:59 ago', { last_login: NOW_S - 90 * DAY + 1 }, { neverLoggedIn: false, stale: false }],
    ['exactly 90 days ago', { last_login: NOW_S - 90 * DAY }, { neverLoggedIn: false, stale: true }],
    ['400 days ago', { last_login: NOW_S - 400 * DAY }, { neverLoggedIn: false, stale: true }],
    ['a login in the future (clock skew)', { last_login: NOW_S + 60 }, { neverLoggedIn: false, stale: false }],
  ])('%s', (_name, fields, expected) => {
    expect(classifyUser(user(fields), NOW)).toMatchObject(expected);
  });

  it('honours staleDays', () => {
    const u = user({ last_login: NOW_S - 31 * DAY });
    expect(classifyUser(u, NOW).stale).toBe(false);
    expect(classifyUser(u, NOW, { staleDays: 30 }).stale).toBe(true);
  });

  it('reports status, mfa and class together', () => {
    expect(classifyUser(user({ status: 'locked out', phones: [smsVoice], last_login: NOW_S - DAY }), NOW)).toEqual({
      mfa: true,
      factorClass: 'sms_voice_only',
      status: 'locked_out',
      neverLoggedIn: false,
      stale: false,
      riskyBypass: false,
    });
  });

  it.each([
    ['no codes', undefined, false],
    ['a never-expiring code', { neverExpiring: 1, unlimitedReuse: 0 }, true],
    ['an unlimited-reuse code', { neverExpiring: 0, unlimitedReuse: 2 }, true],
    ['an empty summary', { neverExpiring: 0, unlimitedReuse: 0 }, false],
  ])('risky bypass: %s', (_name, bypass, expected) => {
    expect(classifyUser(user({}), NOW, { bypass }).riskyBypass).toBe(expected);
  });
});

describe('percent', () => {
  it.each([
    [0, 0, 0],
    [5, 0, 0],
    [1, 3, 33.33],
    [2, 3, 66.67],
    [1, 8, 12.5],
    [400, 400, 100],
    [1, 100_000, 0],
    [5, 100_000, 0.01],
  ])('%d of %d -> %d', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });
});
