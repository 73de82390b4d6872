import { describe, expect, it } from 'vitest';
import { demoFixture } from './support-auth/demo-fixture.js';

describe('faults through the pipeline', () => {
  it('a before-fault on a path prefix answers 500/50001 there without running the handler', async () => {
    const f = demoFixture({ faults: [{ path: '/auth/v2/enroll', serverErrorRate: 1 }] });
    const users = Object.keys(f.account.users).length;
    const res = await f.authCall('POST', '/auth/v2/enroll', {});
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ stat: 'FAIL', code: 50001 });
    expect(Object.keys(f.account.users)).toHaveLength(users);
    expect((await f.authCall('GET', '/auth/v2/check')).status).toBe(200);
  });

  it('an after-fault runs the handler, then fails: the ambiguous failure retries must not repeat', async () => {
    const f = demoFixture({ faults: [{ path: '/auth/v2/enroll', rateLimitRate: 1, when: 'after' }] });
    const users = Object.keys(f.account.users).length;
    const res = await f.authCall('POST', '/auth/v2/enroll', {});
    expect(res.status).toBe(429);
    expect(Object.keys(f.account.users)).toHaveLength(users + 1);
    expect(f.emu.stats().executions['auth.enroll']).toBe(1);
  });

  it('a reset fault drops the in-process request as fetch would', async () => {
    const f = demoFixture({ faults: [{ path: '/auth/v2/check', resetRate: 1 }] });
    await expect(f.authCall('GET', '/auth/v2/check')).rejects.toThrow(TypeError);
  });

  it('the same seed injects the same faults', async () => {
    const run = async () => {
      const f = demoFixture({ randomSeed: 11, faults: [{ path: '/auth/', serverErrorRate: 0.3, rateLimitRate: 0.3 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await f.authCall('GET', '/auth/v2/check')).status);
      return statuses;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 429, 500]));
  });
});
