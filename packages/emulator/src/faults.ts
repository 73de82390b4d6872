import type { FaultRule } from './route.js';

/** What to do to one request: wait, then answer normally or misbehave, before or after the handler. */
export interface FaultPlan {
  /** The whole added latency, ms: `latencyMs - returnMs` before the request is handled, `returnMs` after. */
  latencyMs: number;
  returnMs: number;
  action: 'none' | 'server_error' | 'reset' | 'rate_limit';
  when: 'before' | 'after';
}

/**
 * Whether a rule applies to a request path: no `path` matches everything; a path with `:name`
 * segments is a route pattern (same segment count, `:name` matches any one non-empty segment);
 * anything else is a prefix.
 */
export function faultRuleMatches(rule: FaultRule, path: string): boolean {
  if (rule.path === undefined || rule.path === '') return true;
  if (!rule.path.includes('/:')) return path.startsWith(rule.path);
  const want = rule.path.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return false;
  return want.every((segment, i) => {
    const actual = got[i] ?? '';
    return segment.startsWith(':') ? actual !== '' : segment === actual;
  });
}

/** Clamps a configured rate into 0..1; NaN and negatives mean never. */
function rate(value: number | undefined): number {
  if (value === undefined || !(value > 0)) return 0;
  return Math.min(1, value);
}

/**
 * Chooses the fault for a request from the rules matching its path.
 * Every matching rule adds its latency (fixed plus uniform jitter in [0, jitterMs), `returnShare` of
 * it on the way back) and rolls once for an action, its rates sharing one draw as disjoint bands
 * (server error, then reset, then 429);
 * the first rule whose roll hits decides the action and its `when`. Each matching rule always takes
 * exactly two draws, so the sequence of plans is a pure function of the seed and the request order.
 */
export function pickFault(rules: readonly FaultRule[], path: string, random: () => number): FaultPlan {
  const plan: FaultPlan = { latencyMs: 0, returnMs: 0, action: 'none', when: 'before' };
  for (const rule of rules) {
    if (!faultRuleMatches(rule, path)) continue;
    const jitterDraw = random();
    const actionDraw = random();
    const latency = Math.max(0, rule.latencyMs ?? 0) + Math.max(0, rule.jitterMs ?? 0) * jitterDraw;
    plan.latencyMs += latency;
    plan.returnMs += latency * Math.min(1, Math.max(0, rule.returnShare ?? 0.5));
    if (plan.action !== 'none') continue;
    const serverError = rate(rule.serverErrorRate);
    const reset = serverError + rate(rule.resetRate);
    const rateLimit = reset + rate(rule.rateLimitRate);
    let action: FaultPlan['action'] = 'none';
    if (actionDraw < serverError) action = 'server_error';
    else if (actionDraw < reset) action = 'reset';
    else if (actionDraw < rateLimit) action = 'rate_limit';
    if (action !== 'none') {
      plan.action = action;
      plan.when = rule.when ?? 'before';
    }
  }
  plan.latencyMs = Math.round(plan.latencyMs);
  plan.returnMs = Math.min(plan.latencyMs, Math.round(plan.returnMs));
  return plan;
}
