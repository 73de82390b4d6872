import type { EmulatorState } from '../state/types.js';

/**
 * The `demo` seed: a parent and 3 child accounts, about 150 users with a realistic mix.
 * PLACEHOLDER until the seed work lands (same signature).
 */
export function demoState(_random: () => number, _now: number): EmulatorState {
  throw new Error('demo seed not built yet');
}
