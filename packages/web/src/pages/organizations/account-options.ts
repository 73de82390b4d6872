import type { DuoAccount, Organization } from './organization-types.ts';

/** One choice of the "Duo child account" select. */
export interface AccountOption {
  value: string;
  label: string;
  disabled: boolean;
}

/**
 * The mapping choices for `org` under one integration: not mapped, the parent account itself, then every
 * child account Duo lists by name. A child already mapped to another organization through the same
 * integration is shown but disabled (the hub gives one child account to one organization). The current
 * mapping stays choosable even when Duo no longer lists it (or the list has not arrived: `accounts` null),
 * so opening the form never changes it.
 */
export function accountOptions(
  accounts: readonly DuoAccount[] | null,
  orgs: readonly Organization[],
  org: Organization,
  integrationId: string,
): AccountOption[] {
  const takenBy = new Map<string, string>();
  for (const o of orgs) {
    if (o.id !== org.id && o.integration_id === integrationId && o.duo_account_id && o.duo_account_id !== 'parent') {
      takenBy.set(o.duo_account_id, o.name);
    }
  }
  const out: AccountOption[] = [
    { value: '', label: 'Not mapped', disabled: false },
    { value: 'parent', label: 'The parent account itself', disabled: false },
  ];
  const sorted = [...(accounts ?? [])].sort((a, b) => a.name.localeCompare(b.name) || a.account_id.localeCompare(b.account_id));
  for (const a of sorted) {
    const other = takenBy.get(a.account_id);
    out.push({ value: a.account_id, label: other ? `${a.name} — mapped to ${other}` : a.name, disabled: other !== undefined });
  }
  const current = org.integration_id === integrationId ? org.duo_account_id : null;
  if (current && current !== 'parent' && !sorted.some((a) => a.account_id === current)) {
    const name = org.duo_account_name ?? current;
    out.push({ value: current, label: accounts ? `${name} (current; not listed by Duo)` : name, disabled: false });
  }
  return out;
}
