/** An integration as `GET /api/integrations` lists it (only what the page reads). */
export interface IntegrationRef {
  id: string;
  name: string;
  admin?: unknown;
  accounts?: unknown;
  auth?: unknown;
}

/** An organization as `GET /api/organizations` lists it (only what the page reads). */
export interface OrganizationRef {
  id: string;
  name: string;
  integration_id: string | null;
  duo_account_id: string | null;
  duo_account_name: string | null;
}

/** One place an action can run: an integration's own (parent) account, or a mapped organization. */
export interface RunTarget {
  /** `i:<integration id>` or `o:<organization id>`, unique among the choices. */
  key: string;
  label: string;
  integrationId: string;
  organizationId?: string;
  /** The Duo account it reaches, in words: `the parent account of Parent`, `Duo account Acme Corporation`. */
  account: string;
  /**
   * True for a parent account (an integration's own, or an organization mapped to it): destructive
   * actions there reach beyond one client, so the page asks twice.
   */
  parent?: true;
  /** Why it cannot be chosen for this action (the option is shown disabled with the reason). */
  disabled?: string;
}

const SET_NAMES: Record<string, string> = { admin: 'Admin API', accounts: 'Accounts API', auth: 'Auth API' };

/**
 * Where an action of the given API can run. Admin API actions run on an integration's parent account or
 * on an organization mapped through it (the hub scopes the Admin client to the child account).
 * Accounts and Auth API actions act for the integration as a whole, so only integrations are offered.
 * A token limited to organizations sees no integrations and may only run Admin API actions on its
 * organizations. Unmapped organizations are not offered: the hub would refuse them.
 */
export function runTargets(api: string, integrations: readonly IntegrationRef[], organizations: readonly OrganizationRef[]): RunTarget[] {
  const out: RunTarget[] = [];
  for (const i of integrations) {
    const hasSet = i[api as 'admin' | 'accounts' | 'auth'] !== null && i[api as 'admin' | 'accounts' | 'auth'] !== undefined;
    const target: RunTarget = { key: `i:${i.id}`, label: `${i.name} (integration's own account)`, integrationId: i.id, account: `the parent account of ${i.name}`, parent: true };
    if (!hasSet) target.disabled = `no ${SET_NAMES[api] ?? api} credentials`;
    out.push(target);
  }
  if (api !== 'admin') return out;
  const names = new Map(integrations.map((i) => [i.id, i.name]));
  for (const o of organizations) {
    if (!o.integration_id || !o.duo_account_id) continue;
    const isParent = o.duo_account_id === 'parent';
    const account = isParent ? 'parent account' : `Duo account ${o.duo_account_name ?? o.duo_account_id}`;
    const via = names.get(o.integration_id);
    out.push({
      key: `o:${o.id}`,
      label: `${o.name} (${account}${via ? ` via ${via}` : ''})`,
      integrationId: o.integration_id,
      organizationId: o.id,
      account: isParent ? `the parent account${via ? ` of ${via}` : ''} (organization ${o.name})` : `${o.name}: Duo account ${o.duo_account_name ?? o.duo_account_id}`,
      ...(isParent ? { parent: true as const } : {}),
    });
  }
  return out;
}

/** Input fields that name what an action acts on, most specific first (as the hub's audit names them). */
const TARGET_FIELDS = ['bypass_code_id', 'phone_id', 'user_id', 'account_id', 'txid', 'username', 'email', 'path', 'name'];

/** A short description of what an input points at, e.g. `user_id DU123…`; empty when it names nothing. */
export function inputTarget(input: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const field of TARGET_FIELDS) {
    const value = input[field];
    if ((typeof value === 'string' && value) || typeof value === 'number') parts.push(`${field} ${String(value)}`);
    if (parts.length === 2) break;
  }
  return parts.join(', ');
}
