import { describe, expect, it } from 'vitest';
import { demoFixture } from './support-auth/demo-fixture.js';

describe('rate limits through the pipeline', () => {
  it('answers 429/42901 with Retry-After once an account spends its bucket; other accounts are unaffected', async () => {
    const clock = { t: Date.now() };
    const f = demoFixture({
      now: () => clock.t,
      rateLimits: { classes: { admin_logs: { perMinute: 2, burst: 2 } }, retryAfter: true },
    });
    const q = { mintime: String(clock.t - 3_600_000), maxtime: String(clock.t) };
    const date = () => new Date(clock.t);
    for (let i = 0; i < 2; i++) expect((await f.adminCall('GET', '/admin/v2/logs/authentication', q, { date: date() })).status).toBe(200);
    const limited = await f.adminCall('GET', '/admin/v2/logs/authentication', q, { date: date() });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ stat: 'FAIL', code: 42901, message: 'Too Many Requests' });
    expect(limited.headers.get('retry-after')).toBe('30');

    // Another endpoint class on the same account still has tokens.
    expect((await f.adminCall('GET', '/admin/v1/info/summary', {}, { date: date() })).status).toBe(200);
    // Another account has its own bucket.
    const other = demoFixture({ rateLimits: { classes: { admin_logs: { perMinute: 2, burst: 2 } } } }, 'Initech LLC');
    expect((await other.adminCall('GET', '/admin/v2/logs/authentication', q)).status).toBe(200);

    clock.t += 30_000;
    expect((await f.adminCall('GET', '/admin/v2/logs/authentication', q, { date: date() })).status).toBe(200);
  });

  it('the Auth API has its own class and Retry-After is off unless asked for', async () => {
    const f = demoFixture({ rateLimits: { classes: { auth: { perMinute: 60, burst: 1 } } } });
    expect((await f.authCall('GET', '/auth/v2/check')).status).toBe(200);
    const limited = await f.authCall('GET', '/auth/v2/check');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
  });
});
