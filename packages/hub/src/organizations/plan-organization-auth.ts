import type { CredentialSetInput } from '../integrations/integration-schemas.js';
import type { OrganizationPatchInput } from './organization-schemas.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { checkCredentialSets } from '../integrations/check-credential-sets.js';
import { checkDuoTarget } from '../integrations/check-duo-target.js';
import { loadIntegration } from '../integrations/integration-records.js';
import type { OrganizationsTable } from '../store/database.js';
import { openOrganizationAuthSet, organizationAuthSecretColumn } from './organization-records.js';

/** The Auth API columns of an organization row. */
export type OrganizationAuthColumns = Pick<OrganizationsTable, 'auth_api_host' | 'auth_integration_key' | 'auth_secret_key'>;

/** Where the organization maps after the write (the mapping its Auth keys must belong to). */
export interface AuthMappingAfter {
  integration_id: string | null;
  duo_account_id: string | null;
  duo_api_hostname: string | null;
}

const CLEARED: OrganizationAuthColumns = { auth_api_host: null, auth_integration_key: null, auth_secret_key: null };
const FIELDS = ['api_host', 'integration_key', 'secret_key'] as const;

/**
 * Decides the organization's Auth API columns for a write, or undefined to leave them as they are.
 * New or changed keys are checked against Duo (ping + `/auth/v2/check`, through the organization's
 * integration's base URL and signature version) before anything is saved. A remap to another Duo
 * account drops stored keys, which belong to the old account, unless the same write brings new ones.
 */
export async function planOrganizationAuth(
  hub: HubContext,
  args: {
    organizationId: string;
    existing: OrganizationsTable | null;
    auth: OrganizationPatchInput['auth'];
    mapping: AuthMappingAfter;
    mappingChanged: boolean;
  },
): Promise<OrganizationAuthColumns | undefined> {
  const stored = args.existing && !args.mappingChanged ? openOrganizationAuthSet(hub.store, args.existing) : undefined;
  if (args.auth === null) return CLEARED;
  if (args.auth === undefined) return args.mappingChanged && args.existing?.auth_api_host ? CLEARED : undefined;

  const merged: Partial<CredentialSetInput> = { ...stored, ...definedOnly(args.auth) };
  const missing = FIELDS.filter((f) => !merged[f]);
  if (missing.length > 0) {
    throw new HubError('validation_failed', {
      details: missing.map((f) => ({ in: 'body', field: `auth.${f}`, message: 'required: no Auth API keys are stored for this organization yet' })),
    });
  }
  const set = merged as CredentialSetInput;
  const { integration_id: integrationId, duo_account_id: accountId, duo_api_hostname: childHost } = args.mapping;
  if (!integrationId || !accountId) {
    throw new HubError('validation_failed', {
      details: [{ in: 'body', field: 'auth', message: 'map the organization to a Duo account first: its Auth API keys are checked through that integration' }],
    });
  }
  checkDuoTarget(hub.duo, { hosts: [{ field: 'auth.api_host', host: set.api_host }] });
  // A child's keys live on the child's host; another host means another account's keys (often the parent's, pasted by mistake).
  if (accountId !== 'parent' && childHost && childHost.toLowerCase() !== set.api_host.toLowerCase()) {
    throw new HubError('validation_failed', {
      details: [{ in: 'body', field: 'auth.api_host', message: `must be the API host of the Duo account the organization maps to (${childHost})` }],
    });
  }
  if (stored && FIELDS.every((f) => stored[f] === set[f])) return undefined;

  const integration = await loadIntegration(hub.store.db, integrationId);
  const report = await checkCredentialSets(hub, {
    base_url: integration.row.base_url,
    sig_version: integration.row.sig_version === 2 ? 2 : 5,
    sets: { auth: set },
  });
  const result = report.sets[0]!;
  if (!result.ok) {
    throw new HubError('organization_auth_rejected', {
      message: `Duo did not accept the organization's Auth API keys: ${result.message}`,
      details: result,
    });
  }
  return {
    auth_api_host: set.api_host,
    auth_integration_key: set.integration_key,
    auth_secret_key: hub.store.secrets.seal(set.secret_key, organizationAuthSecretColumn.at(args.organizationId)),
  };
}

function definedOnly(patch: Partial<CredentialSetInput>): Partial<CredentialSetInput> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}
