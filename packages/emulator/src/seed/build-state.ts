import type { EmulatorOptions } from '../route.js';
import type { EmulatorState } from '../state/types.js';
import { demoState } from './demo-state.js';
import { emptyState } from './empty-state.js';
import { fleetState } from './fleet-state.js';
import { seedDemoLogs } from '../logs/seed-logs.js';

/** Builds the initial state `options.seed` names (default `empty`); a given state is deep-cloned. */
export function buildState(seed: EmulatorOptions['seed'], random: () => number, now: number): EmulatorState {
  if (seed === undefined || seed === 'empty') return emptyState(random, now);
  if (seed === 'demo') return seedDemoLogs(demoState(random, now), now);
  if ('fleet' in seed) return fleetState(seed.fleet, now);
  if (!seed.accounts || !seed.accounts[seed.parent_account_id]) {
    throw new TypeError('seed state has no parent account (parent_account_id must name one of accounts)');
  }
  return structuredClone(seed);
}
