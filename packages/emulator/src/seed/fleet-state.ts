import type { FleetSpec } from '../route.js';
import { createRandom } from '../random.js';
import type { EmulatorState } from '../state/types.js';
import { shuffle } from './allocate.js';
import { populateUsers } from './populate-users.js';
import { companyDomain, seedAccount } from './seed-account.js';
import { seedContext } from './seed-context.js';
import { COMPANY_STEMS, COMPANY_SUFFIXES } from './seed-names.js';
import { seedHistory } from '../logs/seed-logs.js';
import { seedTrustMonitor } from '../logs/trust-monitor.js';

const EDITIONS = ['ENTERPRISE', 'PLATFORM', 'BEYOND'] as const;

/** `count` distinct company names: stem x suffix pairs in random order, numbered once they run out. */
export function fleetCompanyNames(count: number, random: () => number): string[] {
  const pairs: string[] = [];
  for (const stem of COMPANY_STEMS) for (const suffix of COMPANY_SUFFIXES) pairs.push(`${stem} ${suffix}`);
  shuffle(pairs, random);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const round = Math.floor(i / pairs.length);
    const base = pairs[i % pairs.length]!;
    names.push(round === 0 ? base : `${base} ${round + 1}`);
  }
  return names;
}

/**
 * A generated fleet: parent "Fleet MSP" (Admin, Auth and Accounts API, no users) and N child accounts
 * (Admin and Auth API, a directory each) of M users each, with the mix of user-mix.ts and, to stay
 * light at 100,000s of users, only each user's last successful login in the authentication log,
 * a few Trust Monitor events, and with `historyDays` a recipe for that many days of log history
 * (built when first read; see logs/history-columns.ts). A pure function of the spec (its `seed`,
 * default 1) and the clock reading.
 */
export function fleetState(spec: FleetSpec, now: number): EmulatorState {
  const accounts = Math.max(0, Math.floor(spec.accounts));
  const users = Math.max(0, Math.floor(spec.usersPerAccount));
  const ctx = seedContext(createRandom(spec.seed ?? 1), now, 'light', false);
  const parent = seedAccount(ctx, {
    name: 'Fleet MSP',
    parentId: null,
    integrations: ['admin', 'auth', 'accounts'],
    edition: 'BEYOND',
    telephonyCredits: 100_000,
  });
  const state: EmulatorState = { parent_account_id: parent.account_id, accounts: { [parent.account_id]: parent } };
  const names = fleetCompanyNames(accounts, ctx.random);
  for (const name of names) {
    const account = seedAccount(ctx, {
      name,
      parentId: parent.account_id,
      integrations: ['admin', 'auth'],
      edition: EDITIONS[Math.floor(ctx.random() * EDITIONS.length)]!,
      telephonyCredits: 100 * (1 + Math.floor(ctx.random() * 50)),
    });
    populateUsers(ctx, account, { count: users, domain: companyDomain(ctx, name), directory: true });
    // Logs draw on RNGs of their own, so adding them changes no other seeded id.
    seedHistory(account, { seed: spec.seed ?? 1, days: spec.historyDays ?? 0, eventsPerDay: spec.eventsPerDay ?? 200, now });
    if (users > 0) seedTrustMonitor(account, now);
    state.accounts[account.account_id] = account;
  }
  return state;
}
