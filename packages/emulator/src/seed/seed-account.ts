import { newSecretKey } from '../state/ids.js';
import type { Account, Integration } from '../state/types.js';
import { uniqueHostname, uniqueId, type SeedContext } from './seed-context.js';
import { blankAccount } from '../state/blank-account.js';
import { ALL_GRANTS } from './new-integration.js';

const INTEGRATION_NAMES: Record<Integration['type'], string> = {
  admin: 'Admin API',
  auth: 'Auth API',
  accounts: 'Accounts API',
};

/** What an account is made of before its users are added. */
export interface SeedAccountSpec {
  name: string;
  parentId: string | null;
  integrations: ReadonlyArray<Integration['type']>;
  edition: Account['edition'];
  telephonyCredits: number;
}

/** An account with its integrations (Admin API ones with every grant), settings and no users. */
export function seedAccount(ctx: SeedContext, spec: SeedAccountSpec): Account {
  const account: Account = blankAccount({
    account_id: uniqueId(ctx, 'DA'),
    name: spec.name,
    api_hostname: uniqueHostname(ctx),
    parent_id: spec.parentId,
    edition: spec.edition,
    telephony_credits: spec.telephonyCredits,
  });
  for (const type of spec.integrations) {
    const integration: Integration = {
      integration_key: uniqueId(ctx, 'DI'),
      secret_key: newSecretKey(ctx.random),
      name: INTEGRATION_NAMES[type],
      type,
    };
    if (type === 'admin') {
      integration.grants = { ...ALL_GRANTS };
    }
    account.integrations[integration.integration_key] = integration;
  }
  return account;
}

/** A DNS-safe mail domain for a company name under the reserved `.example` TLD, unique in this seed. */
export function companyDomain(ctx: SeedContext, name: string): string {
  const stem =
    name
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/\b(corporation|industries|llc|inc|group|holdings|partners|labs|logistics|and sons)\b\.?/g, ' ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'company';
  let domain = `${stem}.example`;
  for (let n = 2; ctx.taken.has(domain); n++) domain = `${stem}-${n}.example`;
  ctx.taken.add(domain);
  return domain;
}
