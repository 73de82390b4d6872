import type { NoMfaUser, OrganizationCoverage } from './coverage-api.js';

/** The path key of an organization row: the hub organization's id, or the Duo account id when unmapped. */
export function orgKey(org: Pick<OrganizationCoverage, 'organization_id' | 'duo_account_id'>): string {
  return org.organization_id ?? org.duo_account_id;
}

/** The row a drill-down key names (organization id or Duo account id), or undefined. */
export function findOrganization<T extends Pick<OrganizationCoverage, 'organization_id' | 'duo_account_id'>>(rows: readonly T[], key: string): T | undefined {
  return rows.find((o) => o.organization_id === key) ?? rows.find((o) => o.duo_account_id === key);
}

/** Users whose username or email contains `text` (case-insensitive); all when `text` is blank. */
export function filterUsers(users: readonly NoMfaUser[], text: string): NoMfaUser[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...users];
  return users.filter((u) => u.username.toLowerCase().includes(needle) || (u.email ?? '').toLowerCase().includes(needle));
}

/** The drill-down path of an organization, keeping the snapshot and integration chosen. */
export function drillPath(key: string, query: { snapshot?: string | null | undefined; integration?: string | null | undefined }): string {
  const q = new URLSearchParams();
  if (query.integration) q.set('integration', query.integration);
  if (query.snapshot) q.set('snapshot', query.snapshot);
  const s = q.toString();
  return `/coverage/${encodeURIComponent(key)}${s ? `?${s}` : ''}`;
}
