import type { DuoClientOptions } from '@duohub/sdk';
import type { CredentialSetInput } from '../api/schemas/integration-schemas.js';
import type { DuoConnectOptions } from './duo-connect-options.js';

/** SDK options for one credential set of an integration, sharing the integration's pacer for `accountId`. */
export function duoClientOptions(
  duo: DuoConnectOptions,
  integration: { id: string; base_url: string | null; sig_version: number },
  set: CredentialSetInput,
  accountId = 'parent',
): DuoClientOptions {
  return {
    host: set.api_host,
    ikey: set.integration_key,
    skey: set.secret_key,
    sigVersion: integration.sig_version === 2 ? 2 : 5,
    timeoutMs: duo.timeoutMs,
    retry: duo.retry,
    pacing: duo.pacers.get(integration.id, accountId),
    userAgent: 'duohub',
    ...(integration.base_url ? { baseUrl: integration.base_url } : {}),
    ...(duo.fetch ? { fetch: duo.fetch } : {}),
  };
}
