import type { DuoClientOptions } from '@duohub/sdk';
import type { CredentialSetInput } from './integration-schemas.js';
import { HubError } from '../errors/hub-error.js';
import type { DuoConnectOptions } from './duo-connect-options.js';
import { duoOrigin } from './duo-origin.js';
import { duoTargetIssues } from './check-duo-target.js';

/** SDK options for one credential set of an integration, sharing the integration's pacer for `accountId`. */
export function duoClientOptions(
  duo: DuoConnectOptions,
  integration: { id: string; base_url: string | null; sig_version: number },
  set: CredentialSetInput,
  accountId = 'parent',
): DuoClientOptions {
  requireStoredTargetAllowed(duo, set.api_host, integration.base_url);
  const origin = duoOrigin(duo, set.api_host, integration.base_url);
  return {
    host: set.api_host,
    ikey: set.integration_key,
    skey: set.secret_key,
    sigVersion: integration.sig_version === 2 ? 2 : 5,
    timeoutMs: duo.timeoutMs,
    retry: duo.retry,
    pacing: duo.pacers.get(integration.id, accountId),
    userAgent: 'duohub',
    ...(origin ? { baseUrl: origin } : {}),
    ...(duo.fetch ? { fetch: duo.fetch } : {}),
  };
}

/**
 * A stored host or base URL is re-checked before every use: the operator may have turned custom
 * origins off after it was saved, and that must stop the calls, not just new writes.
 */
function requireStoredTargetAllowed(duo: DuoConnectOptions, host: string, baseUrl: string | null): void {
  const issues = duoTargetIssues(duo, { hosts: [{ field: 'api_host', host }], baseUrl: { field: 'base_url', value: baseUrl } });
  if (issues.length === 0) return;
  throw new HubError('conflict', {
    message: 'The stored Duo host or base URL is not allowed by this server (DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS is off); update it first.',
    details: issues.map(({ field, message }) => ({ field, message })),
  });
}
