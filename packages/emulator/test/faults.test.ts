import { describe, expect, it } from 'vitest';
import { faultRuleMatches, pickFault } from '../src/faults.js';
import { createRandom } from '../src/random.js';
import type { FaultRule } from '../src/route.js';

/** A random source replaying fixed draws, to pin the picker's arithmetic. */
function draws(...values: number[]): () => number {
  let i = 0;
  return () => {
    const v = values[i++];
    if (v === undefined) throw new Error('picker took more draws than expected');
    return v;
  };
}

describe('faultRuleMatches', () => {
  it.each([
    { rule: {}, path: '/admin/v1/users', want: true },
    { rule: { path: '/admin/' }, path: '/admin/v1/users', want: true },
    { rule: { path: '/admin/' }, path: '/auth/v2/auth', want: false },
    { rule: { path: '/admin/v1/users/:user_id' }, path: '/admin/v1/users/DU123', want: true },
    { rule: { path: '/admin/v1/users/:user_id' }, path: '/admin/v1/users', want: false },
    { rule: { path: '/admin/v1/users/:user_id' }, path: '/admin/v1/users/DU123/phones', want: false },
    { rule: { path: '/admin/v1/users/:user_id/phones' }, path: '/admin/v1/users/DU1/phones', want: true },
    { rule: { path: '/admin/v1/users/:user_id' }, path: '/admin/v1/users/', want: false },
  ])('$rule.path ~ $path -> $want', ({ rule, path, want }) => {
    expect(faultRuleMatches(rule as FaultRule, path)).toBe(want);
  });
});

describe('pickFault', () => {
  it('no rules: no fault and no draws', () => {
    expect(pickFault([], '/admin/v1/users', draws())).toEqual({ latencyMs: 0, returnMs: 0, action: 'none', when: 'before' });
  });

  it.each([
    // jitter draw, action draw -> plan
    { d: [0, 0.05], want: { latencyMs: 100, returnMs: 50, action: 'server_error', when: 'after' } },
    { d: [0.5, 0.1], want: { latencyMs: 125, returnMs: 63, action: 'reset', when: 'after' } },
    { d: [0.999, 0.29], want: { latencyMs: 150, returnMs: 75, action: 'reset', when: 'after' } },
    { d: [0.2, 0.45], want: { latencyMs: 110, returnMs: 55, action: 'rate_limit', when: 'after' } },
    { d: [0.2, 0.65], want: { latencyMs: 110, returnMs: 55, action: 'none', when: 'before' } },
  ])('rates share one draw as bands: $d -> $want', ({ d, want }) => {
    const rule: FaultRule = { latencyMs: 100, jitterMs: 50, serverErrorRate: 0.1, resetRate: 0.2, rateLimitRate: 0.3, when: 'after' };
    expect(pickFault([rule], '/x', draws(...d))).toEqual(want);
  });

  it('when defaults to before', () => {
    expect(pickFault([{ serverErrorRate: 1 }], '/x', draws(0.3, 0.3))).toEqual({ latencyMs: 0, returnMs: 0, action: 'server_error', when: 'before' });
  });

  it('applies only rules whose path matches, adding their latencies; the first hit decides', () => {
    const rules: FaultRule[] = [
      { path: '/auth/', latencyMs: 1000, serverErrorRate: 1 },
      { path: '/admin/', latencyMs: 20, rateLimitRate: 1, when: 'after' },
      { latencyMs: 5, serverErrorRate: 1 },
    ];
    expect(pickFault(rules, '/admin/v1/users', draws(0, 0.5, 0, 0.5))).toEqual({ latencyMs: 25, returnMs: 13, action: 'rate_limit', when: 'after' });
  });

  it("splits each rule's latency by its returnShare (default half), clamped to 0..1", () => {
    const rules: FaultRule[] = [
      { path: '/admin/', latencyMs: 40 },
      { latencyMs: 100, returnShare: 0 },
      { latencyMs: 10, returnShare: 7 },
    ];
    expect(pickFault(rules, '/admin/v1/users', draws(0, 0.5, 0, 0.5, 0, 0.5))).toMatchObject({ latencyMs: 150, returnMs: 30 });
    expect(pickFault([{ latencyMs: 10, returnShare: -1 }], '/p', draws(0, 0.5))).toMatchObject({ latencyMs: 10, returnMs: 0 });
  });

  it('is deterministic under the seeded random', () => {
    const rules: FaultRule[] = [{ jitterMs: 40, serverErrorRate: 0.1, resetRate: 0.1, rateLimitRate: 0.1 }];
    const run = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 200 }, () => pickFault(rules, '/admin/v1/users', random));
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('hits each rate within tolerance over many draws, and jitter stays in range', () => {
    const random = createRandom(42);
    const rules: FaultRule[] = [{ latencyMs: 10, jitterMs: 30, serverErrorRate: 0.05, resetRate: 0.1, rateLimitRate: 0.2 }];
    const n = 20_000;
    const counts = { none: 0, server_error: 0, reset: 0, rate_limit: 0 };
    let minLatency = Infinity;
    let maxLatency = -Infinity;
    for (let i = 0; i < n; i++) {
      const plan = pickFault(rules, '/p', random);
      counts[plan.action] += 1;
      minLatency = Math.min(minLatency, plan.latencyMs);
      maxLatency = Math.max(maxLatency, plan.latencyMs);
    }
    expect(counts.server_error / n).toBeCloseTo(0.05, 2);
    expect(counts.reset / n).toBeCloseTo(0.1, 1);
    expect(counts.rate_limit / n).toBeCloseTo(0.2, 1);
    expect(Math.abs(counts.reset / n - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(counts.rate_limit / n - 0.2)).toBeLessThan(0.015);
    expect(minLatency).toBeGreaterThanOrEqual(10);
    expect(maxLatency).toBeLessThanOrEqual(40);
    expect(maxLatency - minLatency).toBeGreaterThan(25);
  });

  it('clamps nonsense rates: negative and NaN never fire, above 1 always fires', () => {
    expect(pickFault([{ serverErrorRate: -1, resetRate: Number.NaN }], '/p', draws(0, 0)).action).toBe('none');
    expect(pickFault([{ rateLimitRate: 7 }], '/p', draws(0, 0.9999)).action).toBe('rate_limit');
  });
});
