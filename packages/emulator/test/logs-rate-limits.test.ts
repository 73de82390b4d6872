import { describe, expect, it } from 'vitest';
import { DEFAULT_ENDPOINT_BUCKETS } from '../src/rate-limit.js';
import type { RateLimitOptions } from '../src/route.js';
import { demoFixture } from './support-auth/demo-fixture.js';

const DAY = 86_400_000;

function fixture(rateLimits: RateLimitOptions) {
  const clock = { t: Date.now() };
  const f = demoFixture({ now: () => clock.t, rateLimits });
  const get = (path: string) => {
    const q: Record<string, string> = path.startsWith('/admin/v1/logs') ? { mintime: '0' } : { mintime: String(clock.t - DAY), maxtime: String(clock.t) };
    return f.adminCall('GET', path, q, { date: new Date(clock.t) });
  };
  return { f, clock, get };
}

describe('the log endpoints’ own rate limits', () => {
  it('defaults: v1 logs 2 a minute with no burst, v2 logs and Trust Monitor 50 a minute, each endpoint on its own', () => {
    for (const id of ['logs.administrator', 'logs.authentication_v1', 'logs.telephony_v1', 'logs.offline_enrollment']) {
      expect(DEFAULT_ENDPOINT_BUCKETS[id]).toEqual({ perMinute: 2, burst: 1 });
    }
    for (const id of ['logs.authentication', 'logs.telephony', 'logs.activity', 'trust_monitor.events']) {
      expect(DEFAULT_ENDPOINT_BUCKETS[id]).toEqual({ perMinute: 50, burst: 50 });
    }
  });

  it('a v1 log answers 429/42901 to a second call within 30 s; other logs keep their own budget', async () => {
    const { clock, get } = fixture({});
    expect((await get('/admin/v1/logs/administrator')).status).toBe(200);
    const limited = await get('/admin/v1/logs/administrator');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ stat: 'FAIL', code: 42901, message: 'Too Many Requests' });
    expect(limited.headers.get('retry-after')).toBeNull();
    expect((await get('/admin/v1/logs/telephony')).status).toBe(200);
    expect((await get('/admin/v2/logs/authentication')).status).toBe(200);
    clock.t += 29_000;
    expect((await get('/admin/v1/logs/administrator')).status).toBe(429);
    clock.t += 1_000;
    expect((await get('/admin/v1/logs/administrator')).status).toBe(200);
  });

  it('a v2 log allows 50 calls, then 429 until tokens come back', async () => {
    const { clock, get } = fixture({});
    for (let i = 0; i < 50; i++) expect((await get('/admin/v2/logs/telephony')).status).toBe(200);
    expect((await get('/admin/v2/logs/telephony')).status).toBe(429);
    expect((await get('/admin/v2/logs/activity')).status).toBe(200);
    clock.t += 1_200;
    expect((await get('/admin/v2/logs/telephony')).status).toBe(200);
  });

  it('per-endpoint overrides, and a class override that makes the logs share one bucket', async () => {
    const own = fixture({ endpoints: { 'logs.administrator': { perMinute: 60, burst: 3 } }, retryAfter: true });
    for (let i = 0; i < 3; i++) expect((await own.get('/admin/v1/logs/administrator')).status).toBe(200);
    const limited = await own.get('/admin/v1/logs/administrator');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');

    const shared = fixture({ classes: { admin_logs: { perMinute: 2, burst: 2 } } });
    expect((await shared.get('/admin/v1/logs/administrator')).status).toBe(200);
    expect((await shared.get('/admin/v2/logs/activity')).status).toBe(200);
    expect((await shared.get('/admin/v1/trust_monitor/events')).status).toBe(429);
  });
});
