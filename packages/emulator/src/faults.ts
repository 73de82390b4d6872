import type { FaultRule } from './route.js';

/** What to do to one request: wait, then answer normally or misbehave, before or after the handler. */
export interface FaultPlan {
  latencyMs: number;
  action: 'none' | 'server_error' | 'reset' | 'rate_limit';
  when: 'before' | 'after';
}

/**
 * Chooses the fault for a request from the rules matching its path.
 * PLACEHOLDER: no faults until the fault-injection work lands (same signature).
 */
export function pickFault(_rules: readonly FaultRule[], _path: string, _random: () => number): FaultPlan {
  return { latencyMs: 0, action: 'none', when: 'before' };
}
