import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '@duohub/emulator';
import { DuoAuthenticationError, type DuoAuthClient } from '../../src/index.js';
import { startHarness, TRANSPORTS, type Harness } from '../support/emulator-harness.js';

describe.each(TRANSPORTS)('Auth API (%s)', (mode) => {
  let h: Harness;
  let auth: DuoAuthClient;
  beforeAll(async () => {
    h = await startHarness(mode, { seed: 'demo' });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.emu.reset();
    auth = h.auth();
  });

  /** An active user of the parent with an activated push-capable phone. */
  function pushUser(): User {
    const account = h.emu.state.accounts[h.parent().account_id]!;
    const user = Object.values(account.users).find(
      (u) => u.status === 'active' && u.phone_ids.some((id) => account.phones[id]?.activated && account.phones[id]?.capabilities.includes('push')),
    );
    if (!user) throw new Error('the demo seed has no push user on the parent');
    // The demo mix scripts some denials; these tests choose the outcome themselves.
    user.push_script = { outcome: 'approve', afterMs: 30 };
    return user;
  }

  it('ping and check report Duo time', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(Math.abs((await auth.ping()).time - now)).toBeLessThan(120);
    expect(Math.abs((await auth.check()).time - now)).toBeLessThan(120);
  });

  it('logo returns image bytes', async () => {
    const logo = await auth.logo().catch((e: unknown) => e);
    if (logo instanceof Error) {
      // An account without a logo answers Duo's 40002.
      expect(logo).toMatchObject({ status: 400, code: 40002 });
    } else {
      expect((logo as { contentType: string }).contentType).toBe('image/png');
      expect([...(logo as { data: Buffer }).data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
  });

  it('enroll, then enroll_status', async () => {
    const enrollment = await auth.enroll({ username: 'new.enrollee', valid_secs: 600 });
    expect(enrollment).toMatchObject({ username: 'new.enrollee' });
    expect(enrollment.activation_code).toMatch(/^duo:\/\//);
    const status = await auth.enrollStatus({ user_id: enrollment.user_id, activation_code: enrollment.activation_code });
    expect(['waiting', 'success', 'invalid']).toContain(status);
    expect(status).toBe('waiting');
    expect(h.emu.stats().executions['auth.enroll']).toBe(1);
  });

  it('preauth lists devices for an enrolled user', async () => {
    const user = pushUser();
    const result = await auth.preauth({ username: user.username, ipaddr: '192.0.2.1' });
    expect(result.result).toBe('auth');
    expect(result.devices?.some((d) => d.capabilities?.includes('push'))).toBe(true);
    expect((await auth.preauth({ user_id: user.user_id })).result).toBe('auth');
  });

  it('a synchronous push waits for the answer', async () => {
    const user = pushUser();
    const result = await auth.auth({ user_id: user.user_id, factor: 'push', pushinfo: { from: 'sdk test' } });
    expect(result).toMatchObject({ result: 'allow', status: 'allow' });
    expect(h.emu.stats().executions['auth.auth']).toBe(1);
  });

  it('a denied push comes back as deny', async () => {
    const user = pushUser();
    user.push_script = { outcome: 'deny', afterMs: 10 };
    expect((await auth.auth({ username: user.username, factor: 'push' })).result).toBe('deny');
  });

  it('an async push returns a txid and auth_status follows it to the end', async () => {
    const user = pushUser();
    const { txid } = await auth.authAsync({ username: user.username, factor: 'auto' });
    expect(txid).toBeTypeOf('string');
    let status = await auth.authStatus(txid);
    for (let i = 0; status.result === 'waiting' && i < 20; i++) status = await auth.authStatus(txid);
    expect(status.result).toBe('allow');
  });

  it('passcodes: the emulator OTP passes, a wrong one is denied', async () => {
    const user = pushUser();
    expect((await auth.auth({ username: user.username, factor: 'passcode', passcode: '123456' })).result).toBe('allow');
    expect((await auth.auth({ username: user.username, factor: 'passcode', passcode: '000000' })).result).toBe('deny');
  });

  it('a clock ten minutes fast is a 40103 whose hint names the skew', async () => {
    const fast = h.auth(undefined, { now: () => Date.now() + 600_000 });
    const error = (await fast.check().catch((e: unknown) => e)) as DuoAuthenticationError;
    expect(error).toBeInstanceOf(DuoAuthenticationError);
    expect(error.code).toBe(40103);
    // Over a port Node's server sends a Date header (whole seconds) to measure against; in process there may be none.
    if (mode === 'over a port') expect(error.hint).toMatch(/clock is (599|600|601) s ahead of Duo's/);
    else expect(error.hint).toMatch(/clock|secret key/);
  });

  it('a wrong secret is a 40103 with a hint and no secret in sight', async () => {
    const good = h.options('auth');
    const bad = h.auth(undefined, { skey: good.skey.split('').reverse().join('') });
    const error = await bad.check().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuoAuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 40103 });
    expect((error as DuoAuthenticationError).hint).toMatch(/secret key/);
    expect(JSON.stringify(error)).not.toContain(good.skey.split('').reverse().join(''));
  });
});
