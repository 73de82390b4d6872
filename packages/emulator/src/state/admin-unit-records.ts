import type { Account } from './types.js';

/** A Duo administrative unit: the administrators it holds and the groups and integrations they may manage. */
export interface AdminUnitRecord {
  admin_unit_id: string;
  name: string;
  description: string;
  restrict_by_groups: boolean;
  restrict_by_integrations: boolean;
  admin_ids: string[];
  group_ids: string[];
  integration_keys: string[];
}

/** The account's units by id, created empty on first use (older states have none). */
export function adminUnitsOf(account: Account): Record<string, AdminUnitRecord> {
  return (account.administrative_units ??= {});
}

/** The ids of the units an administrator belongs to, in creation order (the admins family shows them as `admin_units`). */
export function adminUnitIdsOf(account: Account, adminId: string): string[] {
  return Object.values(account.administrative_units ?? {})
    .filter((u) => u.admin_ids.includes(adminId))
    .map((u) => u.admin_unit_id);
}

/** Takes a deleted group out of every unit (called by the group delete). */
export function dropGroupFromAdminUnits(account: Account, groupId: string): void {
  for (const unit of Object.values(account.administrative_units ?? {})) unit.group_ids = unit.group_ids.filter((id) => id !== groupId);
}

/** Takes a deleted integration out of every unit (called by the integration delete). */
export function dropIntegrationFromAdminUnits(account: Account, integrationKey: string): void {
  for (const unit of Object.values(account.administrative_units ?? {})) {
    unit.integration_keys = unit.integration_keys.filter((key) => key !== integrationKey);
  }
}

/** Takes a deleted administrator out of every unit (called by the administrator delete). */
export function dropAdminFromAdminUnits(account: Account, adminId: string): void {
  for (const unit of Object.values(account.administrative_units ?? {})) unit.admin_ids = unit.admin_ids.filter((id) => id !== adminId);
}

/** What an administrator may manage: everything, or only the groups and applications of their units. */
export type AdminScope =
  | { restricted: false }
  | { restricted: true; unit_ids: string[]; all_groups: boolean; group_ids: string[]; all_integrations: boolean; integration_keys: string[] };

/**
 * The management scope Duo gives an administrator in the Admin Panel (Duo's administrative units
 * documentation): a global administrator (not restricted) manages every object; a restricted one
 * manages the union of their units' objects, where a unit that does not restrict by groups (or by
 * applications) opens all of them. A restricted administrator in no unit manages nothing.
 * Duo applies this to administrators, not to Admin API applications, so no API route consults it.
 */
export function adminScope(account: Account, adminId: string, restrictedByAdminUnits: boolean): AdminScope {
  if (!restrictedByAdminUnits) return { restricted: false };
  const units = Object.values(account.administrative_units ?? {}).filter((u) => u.admin_ids.includes(adminId));
  const allGroups = units.some((u) => !u.restrict_by_groups);
  const allIntegrations = units.some((u) => !u.restrict_by_integrations);
  const union = (pick: (u: AdminUnitRecord) => string[]) => [...new Set(units.flatMap(pick))].sort();
  return {
    restricted: true,
    unit_ids: units.map((u) => u.admin_unit_id),
    all_groups: allGroups,
    group_ids: allGroups ? [] : union((u) => u.group_ids),
    all_integrations: allIntegrations,
    integration_keys: allIntegrations ? [] : union((u) => u.integration_keys),
  };
}

/**
 * Demo units: a help-desk unit over the account's first two groups and its Auth API application,
 * holding the administrators already marked restricted by units. Fixed ids, no randomness, so the
 * rest of a seeded state stays as it was.
 */
export function seedAdminUnits(account: Account): void {
  const groups = Object.keys(account.groups).slice(0, 2);
  if (groups.length === 0) return;
  const auth = Object.values(account.integrations).find((i) => i.type === 'auth');
  const restricted = Object.values(account.admins ?? {})
    .filter((a) => a.restricted_by_admin_units === true)
    .map((a) => a.admin_id);
  const id = `DNHELPDESK${account.account_id.slice(2, 12)}`;
  adminUnitsOf(account)[id] = {
    admin_unit_id: id,
    name: 'Help desk',
    description: 'Help desk staff manage the first groups only',
    restrict_by_groups: true,
    restrict_by_integrations: auth !== undefined,
    admin_ids: restricted,
    group_ids: groups,
    integration_keys: auth ? [auth.integration_key] : [],
  };
}
