import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { bind, parentKey } from './helpers/duo-call.js';

describe('rate limits in the pipeline', () => {
  it('429/42901 once the bucket of (account, class) is empty; Retry-After when enabled', async () => {
    let now = Date.UTC(2026, 10, 22, 12, 0, 0);
    const emu = createEmulator({
      now: () => now,
      rateLimits: { classes: { admin_get_page: { perMinute: 60, burst: 2 } }, retryAfter: true },
    });
    const admin = bind(emu, parentKey(emu, 'admin'));
    const opts = () => ({ date: new Date(now) });
    expect((await admin('GET', '/admin/v1/users', {}, opts())).status).toBe(200);
    expect((await admin('GET', '/admin/v1/users', {}, opts())).status).toBe(200);
    const limited = await admin('GET', '/admin/v1/users', {}, opts());
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ stat: 'FAIL', code: 42901, message: 'Too Many Requests' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another class has its own bucket.
    expect((await admin('GET', '/admin/v1/settings', {}, opts())).status).toBe(200);
    now += 1000;
    expect((await admin('GET', '/admin/v1/users', {}, opts())).status).toBe(200);
    emu.reset();
    expect((await admin('GET', '/admin/v1/users', {}, opts())).status).toBe(200);
  });

  it('no Retry-After by default (Duo Admin API sends none); configure(rateLimits: false) lifts limits', async () => {
    const emu = createEmulator({ rateLimits: { classes: { admin_get_one: { perMinute: 1, burst: 1 } } } });
    const admin = bind(emu, parentKey(emu, 'admin'));
    await admin('GET', '/admin/v1/settings');
    const limited = await admin('GET', '/admin/v1/settings');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    emu.configure({ rateLimits: false });
    expect((await admin('GET', '/admin/v1/settings')).status).toBe(200);
  });
});

describe('faults in the pipeline', () => {
  it('a before-fault answers without running the handler', async () => {
    const emu = createEmulator({ faults: [{ path: '/admin/v1/users', serverErrorRate: 1 }] });
    const admin = bind(emu, parentKey(emu, 'admin'));
    const res = await admin('POST', '/admin/v1/users', { username: 'x' });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe(50001);
    expect(emu.stats().executions['users.create']).toBeUndefined();
    expect(Object.keys(emu.state.accounts[emu.state.parent_account_id]!.users)).toHaveLength(0);
  });

  it('an after-fault runs the handler, then fails: the retry shows up as a duplicate execution', async () => {
    const emu = createEmulator({ faults: [{ path: '/admin/v1/users/:user_id/bypass_codes', serverErrorRate: 1, when: 'after' }] });
    const admin = bind(emu, parentKey(emu, 'admin'));
    const userId = (await admin('POST', '/admin/v1/users', { username: 'dup' })).body.response.user_id;
    for (let i = 0; i < 2; i++) {
      expect((await admin('POST', `/admin/v1/users/${userId}/bypass_codes`, { count: 1, preserve_existing: true })).status).toBe(500);
    }
    expect(emu.stats().executions['bypass_codes.create']).toBe(2);
    // The fault matches every method on the path, so read the outcome from state.
    const codes = Object.values(emu.state.accounts[emu.state.parent_account_id]!.bypass_codes);
    expect(codes.filter((c) => c.user_id === userId)).toHaveLength(2);
  });

  it('a 429 storm fault answers 42901; a reset fault rejects in-process fetch with a TypeError', async () => {
    const emu = createEmulator({ faults: [{ path: '/admin/v1/settings', rateLimitRate: 1 }, { path: '/admin/v1/phones', resetRate: 1 }] });
    const admin = bind(emu, parentKey(emu, 'admin'));
    expect((await admin('GET', '/admin/v1/settings')).body.code).toBe(42901);
    await expect(admin('GET', '/admin/v1/phones')).rejects.toThrow(TypeError);
    expect(emu.stats().requests['GET /admin/v1/phones']).toEqual({ reset: 1 });
  });
});
