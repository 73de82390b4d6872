import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throttleKey } from '../src/access/throttle-key.js';
import { TokenThrottle, tokenThrottleFor, useTokenThrottle } from '../src/access/token-throttle.js';
import { startTestHub, type TestHub } from './helpers/test-hub.js';

describe('throttleKey', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['::FFFF:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::ffff:1.2.3.4:5', '::ffff:1.2.3.4:5'],
    ['not an address', 'not an address'],
  ])('%s -> %s', (address, key) => {
    expect(throttleKey(address)).toBe(key);
  });
});

describe('TokenThrottle', () => {
  const opts = { budget: 3, windowMs: 60_000, delayMs: 10, maxWaiting: 2, maxAddresses: 100 };

  it('checks attempts within the budget, slows the next ones, refuses beyond the waiting room', () => {
    const t = new TokenThrottle(opts);
    for (let i = 0; i < 3; i++) {
      expect(t.admit('a', 0)).toBe('check');
      t.release('a', 'check', true);
    }
    expect(t.failures('a')).toBe(3);
    expect(t.shouldWarn('a')).toBe(true);
    expect(t.shouldWarn('a')).toBe(false);
    expect(t.admit('a', 1)).toBe('slow');
    expect(t.admit('a', 1)).toBe('slow');
    expect(t.admit('a', 1)).toBe('refuse');
    t.release('a', 'slow', true);
    expect(t.admit('a', 2)).toBe('slow');
    // Another address has its own budget.
    expect(t.admit('b', 2)).toBe('check');
  });

  it('counts attempts in flight against the budget, so a burst cannot overrun it', () => {
    const t = new TokenThrottle(opts);
    expect(['a', 'a', 'a', 'a', 'a', 'a'].map((k) => t.admit(k, 0))).toEqual(['check', 'check', 'check', 'slow', 'slow', 'refuse']);
  });

  it('does not count successes, and starts a new window on the hub clock', () => {
    const t = new TokenThrottle(opts);
    for (let i = 0; i < 10; i++) {
      expect(t.admit('a', 0)).toBe('check');
      t.release('a', 'check', false);
    }
    for (let i = 0; i < 3; i++) t.release('a', t.admit('a', 0) as 'check', true);
    expect(t.admit('a', 59_999)).toBe('slow');
    t.release('a', 'slow', true);
    expect(t.admit('a', 60_000)).toBe('check');
    expect(t.failures('a')).toBe(0);
  });

  it('keeps memory flat under many addresses', () => {
    const t = new TokenThrottle(opts);
    for (let i = 0; i < 20_000; i++) {
      const key = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      t.release(key, t.admit(key, i) as 'check', true);
    }
    expect(t.size).toBe(100);
    // The most recently seen survive; the first ones were forgotten.
    expect(t.failures('10.0.78.31')).toBe(1);
    expect(t.failures('10.0.0.0')).toBe(0);
  });
});

describe('failed tokens over a real port', () => {
  let t: TestHub;
  let now = Date.parse('2026-01-01T00:00:00Z');

  beforeAll(async () => {
    t = await startTestHub({ now: () => new Date(now) });
    useTokenThrottle(t.hub, new TokenThrottle({ budget: 3, windowMs: 60_000, delayMs: 800, maxWaiting: 1 }));
  });
  afterAll(async () => {
    await t?.close();
  });

  // Timings: slowed answers wait 800 ms; unslowed ones must come well under that even on a busy machine.
  /** GET from a chosen loopback address (Linux routes all of 127/8 to lo). */
  function getFrom(localAddress: string, p: string, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(t.url + p, { localAddress, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, ms: performance.now() - started }));
      });
      req.on('error', reject);
      req.end();
    });
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const guess = () => 'dh_' + randomBytes(32).toString('base64url');

  it('keeps answering 401, slows failures over the budget, and still lets a valid token in', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await getFrom('127.0.0.1', '/api/organizations', bearer(guess())));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers.slice(3).every((a) => a.ms >= 700)).toBe(true);
    const valid = await getFrom('127.0.0.1', '/api/organizations', bearer(t.adminToken));
    expect(valid.status).toBe(200);
    expect(valid.ms).toBeLessThan(600);
    // The Vault gate shares the budget: this address is slowed there too, with Vault's 403.
    const vault = await getFrom('127.0.0.1', '/v1/identity/mfa/method/duo?list=true', { 'x-vault-token': guess() });
    expect(vault.status).toBe(403);
    expect(vault.ms).toBeGreaterThanOrEqual(700);
    expect((await getFrom('127.0.0.1', '/v1/identity/mfa/method/duo?list=true', { 'x-vault-token': t.adminToken })).status).toBe(404);
  });

  it('leaves another address alone', async () => {
    const other = await getFrom('127.0.0.2', '/api/organizations', bearer(guess()));
    expect(other.status).toBe(401);
    expect(other.ms).toBeLessThan(600);
  });

  it('answers a flood from one address 401 without letting it guess in parallel', async () => {
    const flood = await Promise.all(Array.from({ length: 8 }, () => getFrom('127.0.0.1', '/api/organizations', bearer(guess()))));
    expect(flood.every((a) => a.status === 401)).toBe(true);
    // One slot waits out the delay; the rest are refused at once, unchecked.
    expect(flood.filter((a) => a.ms >= 700).length).toBeLessThanOrEqual(1);
  });

  it('lets a token that already worked from the address in during a flood, but not a valid token new to it', async () => {
    const fresh = (await t.api('POST', '/api/tokens', { body: { name: 'new here', scopes: ['read'] } })).body.token as string;
    const shared = tokenThrottleFor(t.hub);
    // Its own throttle, with a slow slot held long enough that the checks below land inside it on a busy machine.
    useTokenThrottle(t.hub, new TokenThrottle({ budget: 1, windowMs: 60_000, delayMs: 3000, maxWaiting: 1 }));
    try {
      expect((await getFrom('127.0.0.3', '/api/organizations', bearer(t.adminToken))).status).toBe(200);
      expect((await getFrom('127.0.0.3', '/api/organizations', bearer(guess()))).status).toBe(401);
      const flood = Array.from({ length: 4 }, () => getFrom('127.0.0.3', '/api/organizations', bearer(guess())));
      await new Promise((r) => setTimeout(r, 200));
      const known = await getFrom('127.0.0.3', '/api/organizations', bearer(t.adminToken));
      const unknown = await getFrom('127.0.0.3', '/api/organizations', bearer(fresh));
      expect(known.status).toBe(200);
      expect(unknown.status).toBe(401);
      expect((await Promise.all(flood)).every((a) => a.status === 401)).toBe(true);
    } finally {
      useTokenThrottle(t.hub, shared);
    }
  });

  it('forgives after the window, on the hub clock', async () => {
    now += 60_000;
    const after = await getFrom('127.0.0.1', '/api/organizations', bearer(guess()));
    expect(after.status).toBe(401);
    expect(after.ms).toBeLessThan(600);
  });

  it('logs one warning per window for a throttled address, without token material', () => {
    const warnings = t.logs.map((l) => JSON.parse(l)).filter((l) => /failed token attempts/.test(l.msg));
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings[0]).toMatchObject({ client: '127.0.0.1', level: 40 });
    expect(t.logs.join('\n')).not.toMatch(/dh_[A-Za-z0-9_-]{20,}/);
  });
});
