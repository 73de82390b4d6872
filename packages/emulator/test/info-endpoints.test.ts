import { describe, expect, it } from 'vitest';
import type { AuthLogEntry } from '../src/state/types.js';
import { demoFixture, type DemoFixture } from './support-auth/demo-fixture.js';

const DAY = 86_400;
const KEY = { success: 'SUCCESS', denied: 'FAILURE', error: 'ERROR', fraud: 'FRAUD' } as const;

/** Ground truth per result from the state, for a window in seconds. */
function counts(f: DemoFixture, min: number, max: number, distinctUsers = false) {
  const out = { ERROR: 0, FAILURE: 0, FRAUD: 0, SUCCESS: 0 };
  const seen = new Set<string>();
  for (const e of f.account.auth_log as AuthLogEntry[]) {
    const s = Math.floor(e.timestamp_ms / 1000);
    if (s < min || s > max) continue;
    const k = KEY[e.result];
    if (distinctUsers) {
      if (seen.has(`${k}:${e.user_id}`)) continue;
      seen.add(`${k}:${e.user_id}`);
    }
    out[k] += 1;
  }
  return out;
}

describe('/admin/v1/info', () => {
  it('summary counts administrators, users, pending deletions, integrations and credits from the state', async () => {
    const f = demoFixture();
    expect(Object.keys(f.account.admins ?? {}).length).toBeGreaterThan(1);
    const pending = Object.values(f.account.users)[0]!;
    pending.status = 'pending deletion';
    const res = await f.adminCall('GET', '/admin/v1/info/summary');
    expect(res.status).toBe(200);
    expect(res.body.response).toEqual({
      admin_count: Object.keys(f.account.admins ?? {}).length,
      integration_count: Object.keys(f.account.integrations).length,
      telephony_credits_remaining: f.account.telephony_credits,
      user_count: Object.keys(f.account.users).length,
      user_pending_deletion_count: 1,
    });
  });

  it('authentication_attempts defaults to the last 30 days', async () => {
    const f = demoFixture();
    const now = Math.floor(Date.now() / 1000);
    const res = await f.adminCall('GET', '/admin/v1/info/authentication_attempts');
    const { mintime, maxtime, authentication_attempts } = res.body.response;
    expect(maxtime - now).toBeLessThanOrEqual(1);
    expect(maxtime - mintime).toBe(30 * DAY);
    expect(authentication_attempts).toEqual(counts(f, mintime, maxtime));
    expect(authentication_attempts.SUCCESS).toBeGreaterThan(0);
    expect(authentication_attempts.FAILURE + authentication_attempts.FRAUD).toBeGreaterThan(0);
  });

  it('authentication_attempts and user_authentication_attempts honour an explicit window', async () => {
    const f = demoFixture();
    const maxtime = Math.floor(Date.now() / 1000) - 5 * DAY;
    const mintime = maxtime - 100 * DAY;
    const q = { mintime: String(mintime), maxtime: String(maxtime) };
    const attempts = await f.adminCall('GET', '/admin/v1/info/authentication_attempts', q);
    expect(attempts.body.response).toEqual({ authentication_attempts: counts(f, mintime, maxtime), mintime, maxtime });
    const users = await f.adminCall('GET', '/admin/v1/info/user_authentication_attempts', q);
    expect(users.body.response).toEqual({ user_authentication_attempts: counts(f, mintime, maxtime, true), mintime, maxtime });
    expect(users.body.response.user_authentication_attempts.SUCCESS).toBeLessThan(attempts.body.response.authentication_attempts.SUCCESS);
  });

  it('telephony_credits_used counts calls and texts', async () => {
    const f = demoFixture();
    const before = (await f.adminCall('GET', '/admin/v1/info/telephony_credits_used')).body.response.telephony_credits_used;
    const u = f.user(
      (x, a) => x.status === 'active' && x.token_ids.length === 0 && x.phone_ids.length === 1 && a.phones[x.phone_ids[0]!]!.capabilities.includes('sms') && !a.phones[x.phone_ids[0]!]!.activated,
      'sms',
    );
    await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'sms' });
    await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'phone' });
    await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'passcode', passcode: '000000' });
    const after = (await f.adminCall('GET', '/admin/v1/info/telephony_credits_used')).body.response;
    expect(after.telephony_credits_used).toBe(before + 2);
    expect(Object.keys(after).sort()).toEqual(['maxtime', 'mintime', 'telephony_credits_used']);
  });

  it.each([
    { q: { mintime: '100', maxtime: String(100 + 181 * DAY) }, detail: /180 days/ },
    { q: { mintime: '200', maxtime: '100' }, detail: /mintime/ },
    { q: { mintime: 'soon' }, detail: /mintime/ },
  ])('bad window $q -> 400/40002', async ({ q, detail }) => {
    const f = demoFixture();
    for (const path of ['authentication_attempts', 'user_authentication_attempts', 'telephony_credits_used']) {
      const res = await f.adminCall('GET', `/admin/v1/info/${path}`, q as Record<string, string>);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(40002);
      expect(res.body.message_detail).toMatch(detail);
    }
  });

  it('needs the info grant', async () => {
    const f = demoFixture();
    f.account.integrations[f.admin.integration_key]!.grants!.info = false;
    const res = await f.adminCall('GET', '/admin/v1/info/summary');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(40301);
  });
});
