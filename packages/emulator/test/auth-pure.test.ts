import { describe, expect, it } from 'vitest';
import { authCapabilities, maskNumber, phoneLogName } from '../src/auth/auth-capabilities.js';
import { queryAuthlog, type AuthlogQuery } from '../src/auth/authlog-query.js';
import { userStanding } from '../src/auth/user-standing.js';
import type { Account, AuthLogEntry, Phone, User } from '../src/state/types.js';

function phone(over: Partial<Phone>): Phone {
  return {
    phone_id: 'DPAAAAAAAAAAAAAAAAAA',
    number: '+14155550142',
    extension: '',
    name: '',
    type: 'mobile',
    platform: 'apple ios',
    model: '',
    activated: true,
    capabilities: ['auto', 'push', 'phone', 'sms', 'mobile_otp'],
    sms_passcodes_sent: false,
    predelay: null,
    postdelay: null,
    last_seen: '',
    user_ids: [],
    ...over,
  };
}

describe('phone helpers', () => {
  it.each([
    ['+14155550142', 'XXX-XXX-0142'],
    ['+442079460958', 'XXX-XXX-0958'],
    ['+1 (415) 555-0100', 'XXX-XXX-0100'],
    ['+123', 'XXX-XXX-X123'],
    ['', ''],
  ])('maskNumber(%s) = %s', (input, want) => expect(maskNumber(input)).toBe(want));

  it.each([
    { p: {}, want: ['auto', 'push', 'phone', 'sms', 'mobile_otp'] },
    { p: { activated: false }, want: ['auto', 'phone', 'sms'] },
    { p: { number: '', activated: false }, want: [] },
    { p: { number: '', activated: true }, want: ['auto', 'push', 'mobile_otp'] },
    { p: { type: 'landline', capabilities: ['auto', 'phone'] }, want: ['auto', 'phone'] },
  ] as Array<{ p: Partial<Phone>; want: string[] }>)('authCapabilities $p', ({ p, want }) => {
    expect(authCapabilities(phone(p))).toEqual(want);
  });

  it('names phones in log lines', () => {
    expect(phoneLogName(phone({}))).toBe('+1 415-555-0142');
    expect(phoneLogName(phone({ number: '+442079460958' }))).toBe('+442079460958');
    expect(phoneLogName(phone({ number: '', name: 'Work' }))).toBe('Work');
  });
});

describe('userStanding', () => {
  const account = (p: Phone[] = [], groupStatus: 'active' | 'bypass' | 'disabled' = 'active') =>
    ({
      phones: Object.fromEntries(p.map((x) => [x.phone_id, x])),
      tokens: {},
      groups: { DG1: { group_id: 'DG1', name: 'g', desc: '', status: groupStatus } },
    }) as unknown as Account;
  const user = (over: Partial<User>) => ({ status: 'active', phone_ids: [], token_ids: [], group_ids: ['DG1'], webauthn: [], ...over }) as User;
  const withPhone = user({ phone_ids: [phone({}).phone_id] });

  it.each([
    { name: 'unknown, policy enroll', a: account(), u: undefined, policy: 'enroll', want: 'enroll' },
    { name: 'unknown, policy deny', a: account(), u: undefined, policy: 'deny', want: 'deny:deny_unenrolled_user' },
    { name: 'no device', a: account(), u: user({}), policy: 'enroll', want: 'enroll' },
    { name: 'no device, policy deny', a: account(), u: user({}), policy: 'deny', want: 'deny:deny_unenrolled_user' },
    { name: 'webauthn only (the Auth API cannot use it)', a: account(), u: user({ webauthn: [{ webauthnkey: 'DW', credential_name: '', label: '', date_added: 0 }] }), policy: 'enroll', want: 'enroll' },
    { name: 'bypass beats everything', a: account([], 'disabled'), u: user({ status: 'bypass' }), policy: 'deny', want: 'allow' },
    { name: 'disabled', a: account([phone({})]), u: user({ ...withPhone, status: 'disabled' }), policy: 'enroll', want: 'deny:user_disabled' },
    { name: 'pending deletion', a: account([phone({})]), u: user({ ...withPhone, status: 'pending deletion' }), policy: 'enroll', want: 'deny:user_disabled' },
    { name: 'locked out', a: account([phone({})]), u: user({ ...withPhone, status: 'locked out' }), policy: 'enroll', want: 'deny:locked_out' },
    { name: 'group disabled', a: account([phone({})], 'disabled'), u: withPhone, policy: 'enroll', want: 'deny:user_disabled' },
    { name: 'group bypass', a: account([phone({})], 'bypass'), u: withPhone, policy: 'enroll', want: 'allow' },
    { name: 'phone', a: account([phone({})]), u: withPhone, policy: 'enroll', want: 'auth:1' },
    { name: 'numberless phone not yet activated', a: account([phone({ number: '', activated: false })]), u: withPhone, policy: 'enroll', want: 'enroll' },
  ] as const)('$name -> $want', ({ a, u, policy, want }) => {
    const s = userStanding(a, u as User | undefined, policy);
    const got = s.kind === 'deny' ? `deny:${s.reason}` : s.kind === 'auth' ? `auth:${s.devices.length}` : s.kind;
    expect(got).toBe(want);
  });
});

describe('queryAuthlog', () => {
  const row = (ts: number, txid: string, over: Partial<AuthLogEntry> = {}): AuthLogEntry => ({
    txid,
    timestamp_ms: ts,
    user_id: 'DU1',
    username: 'u',
    factor: 'duo_push',
    result: 'success',
    reason: 'user_approved',
    integration_key: 'DI1',
    ip: null,
    hostname: null,
    device: null,
    ...over,
  });
  // Rows sharing a timestamp are ordered by txid, so a cursor landing among them is exact.
  const log = [row(30, 'c'), row(10, 'a'), row(20, 'b2'), row(20, 'b1'), row(20, 'b3', { result: 'denied' }), row(40, 'd')];
  const base: AuthlogQuery = { mintime: 0, maxtime: 100, limit: 2, sort: 'ts:asc' };
  const all = (q: AuthlogQuery) => {
    const out: string[] = [];
    let cursor = q.cursor;
    for (;;) {
      const page = queryAuthlog(log, { ...q, ...(cursor ? { cursor } : {}) });
      out.push(...page.rows.map((r) => r.txid));
      if (!page.next) return out;
      cursor = { ts: Number(page.next[0]), txid: page.next[1] };
    }
  };

  it.each([
    { q: base, want: ['a', 'b1', 'b2', 'b3', 'c', 'd'] },
    { q: { ...base, sort: 'ts:desc' }, want: ['d', 'c', 'b3', 'b2', 'b1', 'a'] },
    { q: { ...base, mintime: 20, maxtime: 30 }, want: ['b1', 'b2', 'b3', 'c'] },
    { q: { ...base, results: new Set(['denied']) }, want: ['b3'] },
    { q: { ...base, cursor: { ts: 20, txid: 'b1' } }, want: ['b2', 'b3', 'c', 'd'] },
    { q: { ...base, sort: 'ts:desc', cursor: { ts: 20, txid: 'b2' } }, want: ['b1', 'a'] },
    { q: { ...base, cursor: { ts: 25, txid: 'gone' } }, want: ['c', 'd'] },
    { q: { ...base, cursor: { ts: 99, txid: 'z' } }, want: [] },
  ] as Array<{ q: AuthlogQuery; want: string[] }>)('$q -> $want', ({ q, want }) => {
    expect(all(q)).toEqual(want);
  });

  it('counts every match and gives no cursor on the last page', () => {
    const first = queryAuthlog(log, base);
    expect(first).toMatchObject({ total: 6, next: ['20', 'b1'] });
    const last = queryAuthlog(log, { ...base, limit: 10 });
    expect(last.next).toBeUndefined();
    expect(last.total).toBe(6);
  });
});
