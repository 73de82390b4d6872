import type { DuoAccountsClient, DuoAdminClient, DuoAuthClient } from '@duohub/sdk';
import { HubError } from '../errors/hub-error.js';
import { organizationAuthMissing } from '../organizations/organization-auth-missing.js';

/** What an action knows about the integration it runs through (never its secrets). */
export interface ActionIntegration {
  id: string;
  name: string;
}

/** What an action knows about the organization it acts for, when one was given. */
export interface ActionOrganization {
  id: string;
  name: string;
  /** The Duo child account the organization maps to, or `parent`. */
  duoAccountId?: string | null;
}

/** Everything an action's `run` may use: lazily checked Duo clients, the target and the mode. */
export interface ActionContext {
  /** The Admin API client (the child account's when the organization maps to one). */
  admin(): DuoAdminClient;
  /** The Accounts API client of the parent account. */
  accounts(): DuoAccountsClient;
  /** The Auth API client. */
  auth(): DuoAuthClient;
  integration: ActionIntegration;
  organization?: ActionOrganization;
  /** The organization's stored Duo directory key, for directory sync. */
  directoryKey?(): string;
  /** Resolve and report, change nothing. */
  dryRun: boolean;
  signal?: AbortSignal;
}

/** The parts an action context is built from; absent clients mean the credential set is missing. */
export interface ActionContextParts {
  admin?: DuoAdminClient | undefined;
  accounts?: DuoAccountsClient | undefined;
  auth?: DuoAuthClient | undefined;
  integration: ActionIntegration;
  organization?: ActionOrganization | undefined;
  directoryKey?: string | null | undefined;
  dryRun?: boolean;
  signal?: AbortSignal | undefined;
}

const credentialNames = { admin: 'Admin API', accounts: 'Accounts API', auth: 'Auth API' } as const;

/** Builds an ActionContext whose getters fail with `credentials_missing` naming the absent set. */
export function createActionContext(parts: ActionContextParts): ActionContext {
  const need = <T>(kind: keyof typeof credentialNames, client: T | undefined): T => {
    if (client === undefined) {
      throw new HubError('credentials_missing', {
        message: `Integration "${parts.integration.name}" has no ${credentialNames[kind]} credentials; this action needs them.`,
        details: { integration_id: parts.integration.id, credential_set: kind },
      });
    }
    return client;
  };
  const ctx: ActionContext = {
    admin: () => need('admin', parts.admin),
    accounts: () => need('accounts', parts.accounts),
    auth: () => {
      // For an organization, only its own Auth keys (or the integration's, when it is the parent) will do.
      if (parts.auth === undefined && parts.organization) {
        const org = parts.organization;
        throw organizationAuthMissing({ id: org.id, name: org.name, duo_account_id: org.duoAccountId ?? null });
      }
      return need('auth', parts.auth);
    },
    integration: parts.integration,
    dryRun: parts.dryRun ?? false,
    directoryKey: () => {
      if (!parts.directoryKey) {
        throw new HubError('conflict', {
          message: parts.organization
            ? `Organization "${parts.organization.name}" has no Duo directory key stored.`
            : 'Directory sync needs an organization with a stored Duo directory key.',
          details: { reason: 'directory_key_missing' },
        });
      }
      return parts.directoryKey;
    },
  };
  if (parts.organization) ctx.organization = parts.organization;
  if (parts.signal) ctx.signal = parts.signal;
  return ctx;
}
