import type { EmulatorState } from '../state/types.js';
import { DEMO_LOGO_PNG_BASE64 } from './demo-logo.js';
import { populateUsers } from './populate-users.js';
import { seedAuthenticators } from './seed-authenticators.js';
import { seedAdmins } from '../state/admin-seed.js';
import { seedDevices } from './seed-devices.js';
import { seedAccount, companyDomain } from './seed-account.js';
import { seedContext } from './seed-context.js';
import { seedPolicies } from '../policies/seed-policies.js';
import { seedAdminUnits } from '../state/admin-unit-records.js';

/** The demo's customers: name, edition, telephony credits and user count (150 users with the MSP's own). */
const DEMO_CHILDREN = [
  { name: 'Acme Corporation', edition: 'BEYOND', credits: 2000, users: 52 },
  { name: 'Globex Industries', edition: 'PLATFORM', credits: 1000, users: 48 },
  { name: 'Initech LLC', edition: 'ENTERPRISE', credits: 500, users: 38 },
] as const;

/** Users of the MSP's own (parent) account. */
const DEMO_PARENT_USERS = 12;

/**
 * The `demo` seed: parent "Demo MSP" (Admin API with every grant, Auth API, Accounts API) and 3 child
 * accounts (Admin and Auth API each, a directory each; only the parent has a logo), 150 users in all with the mix of user-mix.ts
 * (every kind present in every account) and a varied authentication history.
 * A pure function of the random stream and the clock reading.
 */
export function demoState(random: () => number, now: number): EmulatorState {
  const ctx = seedContext(random, now, 'rich', true);
  const parent = seedAccount(ctx, {
    name: 'Demo MSP',
    parentId: null,
    integrations: ['admin', 'auth', 'accounts'],
    edition: 'BEYOND',
    telephonyCredits: 10_000,
  });
  parent.logo_png_base64 = DEMO_LOGO_PNG_BASE64;
  populateUsers(ctx, parent, { count: DEMO_PARENT_USERS, domain: companyDomain(ctx, 'Demo MSP'), directory: false });
  seedAuthenticators(parent, ctx.now);
  seedAdmins(parent, ctx.now);
  seedDevices(parent, ctx.now);
  const state: EmulatorState = { parent_account_id: parent.account_id, accounts: { [parent.account_id]: parent } };
  for (const child of DEMO_CHILDREN) {
    const account = seedAccount(ctx, {
      name: child.name,
      parentId: parent.account_id,
      integrations: ['admin', 'auth'],
      edition: child.edition,
      telephonyCredits: child.credits,
    });
    populateUsers(ctx, account, { count: child.users, domain: companyDomain(ctx, child.name), directory: true });
    seedAuthenticators(account, ctx.now);
    seedAdmins(account, ctx.now);
    seedDevices(account, ctx.now);
    state.accounts[account.account_id] = account;
  }
  for (const account of Object.values(state.accounts)) seedPolicies(account);
  seedAdminUnits(parent);
  return state;
}
