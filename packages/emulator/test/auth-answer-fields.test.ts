import { describe, expect, it } from 'vitest';
import { withAuthDelayed } from '../src/auth/with-auth-delayed.js';
import type { Account, User } from '../src/state/types.js';
import { demoFixture, hasPush } from './support-auth/demo-fixture.js';

const activePush = (u: User, a: Account) =>
  u.status === 'active' && hasPush(u, a) && u.push_script === undefined && u.token_ids.length === 0;
const smsPhoneUser = (u: User, a: Account) =>
  u.status === 'active' && u.phone_ids.some((id) => a.phones[id]!.capabilities.includes('sms'));

describe('withAuthDelayed', () => {
  const waiting = { result: 'waiting', status: 'pushed', status_msg: '' };
  const allow = { result: 'allow', status: 'allow', status_msg: '' };
  it.each([
    ['always', waiting, true],
    ['always', allow, true],
    ['waiting', waiting, true],
    ['waiting', allow, false],
    ['never', waiting, false],
    ['never', allow, false],
  ] as const)('%s on a %o answer -> carries auth_delayed: %s', (mode, answer, carries) => {
    const out = withAuthDelayed(answer, mode);
    expect('auth_delayed' in out).toBe(carries);
    if (carries) expect(out.auth_delayed).toBe(false);
    expect(out).toMatchObject(answer);
  });
});

describe('auth_status carries auth_delayed', () => {
  it.each([
    ['always', true, true],
    ['waiting', true, false],
    ['never', false, false],
  ] as const)('authDelayed %s: waiting answer %s, final answer %s', async (mode, onWaiting, onFinal) => {
    const f = demoFixture({ authDelayed: mode, authLongPollMs: 0 });
    const u = f.user(activePush, 'push');
    u.push_script = { outcome: 'approve', afterMs: 60_000 };
    const txid = (await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'push', device: 'auto', async: '1' })).body.response.txid;
    const waiting = (await f.authCall('GET', '/auth/v2/auth_status', { txid })).body.response;
    expect(waiting.result).toBe('waiting');
    expect('auth_delayed' in waiting).toBe(onWaiting);
    if (onWaiting) expect(waiting.auth_delayed).toBe(false);

    u.push_script = { outcome: 'approve', afterMs: 0 };
    const quick = (await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'push', device: 'auto', async: '1' })).body.response.txid;
    const final = (await f.authCall('GET', '/auth/v2/auth_status', { txid: quick })).body.response;
    expect(final.result).toBe('allow');
    expect('auth_delayed' in final).toBe(onFinal);
  });

  it('a synchronous /auth answer never carries it', async () => {
    const f = demoFixture();
    const u = f.user(activePush, 'push');
    u.push_script = { outcome: 'approve', afterMs: 0 };
    const res = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'push', device: 'auto' });
    expect(res.body.response.result).toBe('allow');
    expect(res.body.response.auth_delayed).toBeUndefined();
  });
});

describe('preauth devices carry sms_nextcode only once a batch was texted', () => {
  it('absent before, "1" after send_sms_passcodes, and never on devices without sms', async () => {
    const f = demoFixture();
    const u = f.user(smsPhoneUser, 'SMS-capable');
    for (const id of u.phone_ids) f.account.phones[id]!.sms_passcodes_sent = false;
    const devicesOf = async () => (await f.authCall('POST', '/auth/v2/preauth', { username: u.username })).body.response.devices as Array<Record<string, unknown>>;
    expect((await devicesOf()).every((d) => !('sms_nextcode' in d))).toBe(true);

    const smsPhone = u.phone_ids.find((id) => f.account.phones[id]!.capabilities.includes('sms'))!;
    expect((await f.adminCall('POST', `/admin/v1/phones/${smsPhone}/send_sms_passcodes`)).status).toBe(200);
    const after = await devicesOf();
    for (const d of after) {
      expect(d.sms_nextcode).toBe(d.device === smsPhone ? '1' : undefined);
      if ('sms_nextcode' in d) expect(d.capabilities).toContain('sms');
    }
  });
});
