import type { Organization } from './organization-types.ts';
// `.js`, not `.ts`: unit tests typecheck this file under NodeNext, which refuses `.ts` specifiers.
import { parseDomains, sameDomains } from './parse-domains.js';

/** The organization edit form. An empty `duo_account_id` means "not mapped". */
export interface OrganizationForm {
  name: string;
  domains: string;
  integration_id: string;
  duo_account_id: string;
  /** Write-only: blank keeps the stored key. */
  directory_key: string;
  clear_directory_key: boolean;
  /** The organization's own Auth API keys; the secret is write-only (blank keeps the stored one). */
  auth_host: string;
  auth_ikey: string;
  auth_skey: string;
  clear_auth: boolean;
}

/** The edit form prefilled from a stored organization (the directory key is never returned, so it starts blank). */
export function formFromOrganization(o: Organization, defaultIntegrationId = ''): OrganizationForm {
  return {
    name: o.name,
    domains: o.email_domains.join(', '),
    integration_id: o.integration_id ?? defaultIntegrationId,
    duo_account_id: o.duo_account_id ?? '',
    directory_key: '',
    clear_directory_key: false,
    auth_host: o.auth?.api_host ?? '',
    auth_ikey: o.auth?.integration_key ?? '',
    auth_skey: '',
    clear_auth: false,
  };
}

/**
 * Body of `PATCH /api/organizations/{id}` with only what changed. A changed mapping sends both
 * `integration_id` and `duo_account_id` (the hub sets them together and marks the mapping manual);
 * "not mapped" sends null for both. A typed directory key replaces the stored one; clearing sends null.
 * Auth API fields send only what changed (a typed secret rotates it); clearing sends `auth: null`.
 */
export function organizationPatchBody(o: Organization, form: OrganizationForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const name = form.name.trim();
  if (name !== o.name) body.name = name;
  const domains = parseDomains(form.domains);
  if (!sameDomains(domains, o.email_domains)) body.email_domains = domains;
  const wantAccount = form.duo_account_id || null;
  const wantIntegration = wantAccount ? form.integration_id || null : null;
  if (wantAccount !== o.duo_account_id || (wantAccount !== null && wantIntegration !== o.integration_id)) {
    body.integration_id = wantIntegration;
    body.duo_account_id = wantAccount;
  }
  if (form.clear_directory_key) {
    if (o.duo_admin_api_directory_key_hint !== null) body.duo_admin_api_directory_key = null;
  } else if (form.directory_key.trim()) body.duo_admin_api_directory_key = form.directory_key.trim();
  const auth = authPatch(o, form);
  if (auth !== undefined) body.auth = auth;
  return body;
}

/** The `auth` part of the patch: null to clear, only the changed fields (the hub merges), or undefined for no change. */
function authPatch(o: Organization, form: OrganizationForm): Record<string, string> | null | undefined {
  if (form.clear_auth) return o.auth ? null : undefined;
  const out: Record<string, string> = {};
  const host = form.auth_host.trim().toLowerCase();
  const ikey = form.auth_ikey.trim();
  if (host && host !== o.auth?.api_host) out.api_host = host;
  if (ikey && ikey !== o.auth?.integration_key) out.integration_key = ikey;
  if (form.auth_skey.trim()) out.secret_key = form.auth_skey.trim();
  return Object.keys(out).length > 0 ? out : undefined;
}
