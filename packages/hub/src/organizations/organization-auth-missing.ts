import { HubError } from '../errors/hub-error.js';

/**
 * The refusal when an organization's Auth API work has no keys to run with: it names the
 * organization and says where to add its Duo account's Auth API keys (REST, CLI, UI).
 */
export function organizationAuthMissing(org: { id: string; name: string; duo_account_id: string | null }): HubError {
  return new HubError('organization_auth_missing', {
    message:
      `Organization "${org.name}" has no Auth API keys of its own, and the integration's Auth API keys belong to another Duo account. ` +
      `Add the Auth API application of its Duo account: PATCH /api/organizations/${org.id} with ` +
      `{ "auth": { "api_host", "integration_key", "secret_key" } }, \`duohub orgs auth ${org.id} --host H --ikey DI... --skey-env VAR\`, ` +
      "or the Auth API fields on the organization's page in the UI.",
    details: { organization_id: org.id, duo_account_id: org.duo_account_id },
  });
}
