import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import {
  integrationsCreate,
  integrationsCreateLatest,
  integrationsCreateLegacy,
  integrationsDelete,
  integrationsGet,
  integrationsGetLatest,
  integrationsGetOauthClientSecret,
  integrationsGetOidcClientSecret,
  integrationsGetSecretKey,
  integrationsList,
  integrationsListLatest,
  integrationsRotateOauthClientSecret,
  integrationsRotateOidcClientSecret,
  integrationsUpdate,
  integrationsUpdateLatest,
} from '../endpoints/integrations.js';
import type { ParamsOf, ResponseOf } from '../endpoints/params-of.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';

/** An integration as v2 (and v1) answer it; `secret_key` is masked. */
export type DuoIntegration = ResponseOf<typeof integrationsGet>;
/** An integration as v3 answers it, with `user_access`; `secret_key` is masked. */
export type DuoIntegrationLatest = ResponseOf<typeof integrationsGetLatest>;
/** What `create` takes: Duo's v3 create fields (`name` and `type` required). */
export type DuoIntegrationCreateParams = ParamsOf<typeof integrationsCreateLatest>;
/** What `createV2` takes: Duo's v2 create fields (the way Duo documents for generic SSO applications). */
export type DuoIntegrationCreateV2Params = ParamsOf<typeof integrationsCreate>;
/** What `createLegacy` takes: Duo's legacy v1 create fields. */
export type DuoIntegrationCreateLegacyParams = ParamsOf<typeof integrationsCreateLegacy>;
/** What `update` takes: v2's modifiable fields. */
export type DuoIntegrationUpdateParams = Omit<ParamsOf<typeof integrationsUpdate>, 'integration_key'>;
/** What `updateLatest` takes: v3's modifiable fields, `user_access` among them. */
export type DuoIntegrationUpdateLatestParams = Omit<ParamsOf<typeof integrationsUpdateLatest>, 'integration_key'>;

/**
 * A new integration ready to use: Duo's v3 answer with the full `secret_key` (fetched from `/skey`
 * when the answer masks it) and the API hostname its keys sign for.
 */
export type DuoCreatedIntegration = DuoIntegrationLatest & { secret_key: string; api_hostname: string };

/** What the resource needs of its client: calls, and the API hostname (a child's is looked up on first use). */
export type IntegrationsCaller = Caller & { getHost(): Promise<string> };

/** A masked secret shows only its last characters, the rest as `*`. */
export function isMaskedSecret(value: unknown): boolean {
  return typeof value !== 'string' || value === '' || value.includes('*');
}

/** Admin API integrations ("applications"): wrappers over `endpoints/integrations.ts`. */
export class IntegrationsResource {
  constructor(private readonly caller: IntegrationsCaller) {}

  /** Every integration of the account (v2), 300 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoIntegration> {
    return offsetList<DuoIntegration>(this.caller, integrationsList, {}, options);
  }

  /** Every integration of the account as v3 answers them (with `user_access`). */
  listLatest(options: ListOptions = {}): Paginated<DuoIntegrationLatest> {
    return offsetList<DuoIntegrationLatest>(this.caller, integrationsListLatest, {}, options);
  }

  /** One integration (v2). */
  async get(integrationKey: string, options?: RequestOptions): Promise<DuoIntegration> {
    const integration_key = requireString(integrationKey, 'integrationKey');
    return (await callEndpoint(this.caller, integrationsGet, { integration_key }, options)).response;
  }

  /** One integration as v3 answers it (with `user_access`). */
  async getLatest(integrationKey: string, options?: RequestOptions): Promise<DuoIntegrationLatest> {
    const integration_key = requireString(integrationKey, 'integrationKey');
    return (await callEndpoint(this.caller, integrationsGetLatest, { integration_key }, options)).response;
  }

  /**
   * Creates an integration through v3 and answers it ready to use: with its full secret key and
   * the API hostname to sign for (for `accounts.child(...)` clients, the child's). An `authapi`
   * or `adminapi` application's keys work at once. Never resent after an ambiguous failure; if
   * reading the secret fails after Duo made the application, the error says so and names its key.
   */
  async create(params: DuoIntegrationCreateParams, options?: RequestOptions): Promise<DuoCreatedIntegration> {
    const created = (await callEndpoint(this.caller, integrationsCreateLatest, requireObject(params, 'params'), options)).response;
    let secret_key = created.secret_key;
    if (isMaskedSecret(secret_key)) {
      try {
        secret_key = await this.getSecretKey(created.integration_key, options);
      } catch (error) {
        if (error instanceof Error) error.message = `integration ${created.integration_key} was created, but reading its secret key failed: ${error.message}`;
        throw error;
      }
    }
    const answered = (created as { api_hostname?: unknown }).api_hostname;
    const api_hostname = typeof answered === 'string' && answered !== '' ? answered : await this.caller.getHost();
    return { ...created, secret_key: secret_key!, api_hostname };
  }

  /** Creates an integration through v2 (Duo's way for generic SSO applications); the answer's secret is masked. */
  async createV2(params: DuoIntegrationCreateV2Params, options?: RequestOptions): Promise<DuoIntegration> {
    return (await callEndpoint(this.caller, integrationsCreate, requireObject(params, 'params'), options)).response;
  }

  /** Creates an integration through the legacy v1 handler; the answer's secret is masked. */
  async createLegacy(params: DuoIntegrationCreateLegacyParams, options?: RequestOptions): Promise<DuoIntegration> {
    return (await callEndpoint(this.caller, integrationsCreateLegacy, requireObject(params, 'params'), options)).response;
  }

  /** Modifies an integration (v2); given fields change, given lists replace. */
  async update(integrationKey: string, changes: DuoIntegrationUpdateParams, options?: RequestOptions): Promise<DuoIntegration> {
    const fields = { ...requireObject(changes, 'changes'), integration_key: requireString(integrationKey, 'integrationKey') };
    return (await callEndpoint(this.caller, integrationsUpdate, fields, withResetIdempotency(fields, options))).response;
  }

  /** Modifies an integration (v3), `user_access` included. */
  async updateLatest(integrationKey: string, changes: DuoIntegrationUpdateLatestParams, options?: RequestOptions): Promise<DuoIntegrationLatest> {
    const fields = { ...requireObject(changes, 'changes'), integration_key: requireString(integrationKey, 'integrationKey') };
    return (await callEndpoint(this.caller, integrationsUpdateLatest, fields, withResetIdempotency(fields, options))).response;
  }

  /**
   * Gives an integration a new secret key and answers it; the old key stops working at once. Duo
   * refuses this for the integration signing the request. Never resent after an ambiguous failure.
   */
  async resetSecretKey(integrationKey: string, options?: RequestOptions): Promise<{ integration_key: string; secret_key: string }> {
    const integration_key = requireString(integrationKey, 'integrationKey');
    const changed = await this.updateLatest(integration_key, { reset_secret_key: true }, options);
    const secret_key = isMaskedSecret(changed.secret_key) ? await this.getSecretKey(integration_key, options) : changed.secret_key!;
    return { integration_key, secret_key };
  }

  /** Deletes an integration: its keys stop working at once. Succeeds when already gone. */
  async delete(integrationKey: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, integrationsDelete, { integration_key: requireString(integrationKey, 'integrationKey') }, options);
  }

  /** The integration's full secret key. Treat it as a password: never log it. */
  async getSecretKey(integrationKey: string, options?: RequestOptions): Promise<string> {
    const integration_key = requireString(integrationKey, 'integrationKey');
    return (await callEndpoint(this.caller, integrationsGetSecretKey, { integration_key }, options)).response.secret_key;
  }

  /** An OAuth client-credentials client's secret. */
  async getOauthClientSecret(integrationKey: string, clientId: string, options?: RequestOptions): Promise<string> {
    const fields = { integration_key: requireString(integrationKey, 'integrationKey'), client_id: requireString(clientId, 'clientId') };
    return (await callEndpoint(this.caller, integrationsGetOauthClientSecret, fields, options)).response.client_secret;
  }

  /** Gives an OAuth client-credentials client a new secret and answers it; the old one stops working. */
  async rotateOauthClientSecret(integrationKey: string, clientId: string, options?: RequestOptions): Promise<string> {
    const fields = { integration_key: requireString(integrationKey, 'integrationKey'), client_id: requireString(clientId, 'clientId') };
    return (await callEndpoint(this.caller, integrationsRotateOauthClientSecret, fields, options)).response.client_secret;
  }

  /** An OIDC application's client secret. */
  async getOidcClientSecret(integrationKey: string, options?: RequestOptions): Promise<string> {
    const integration_key = requireString(integrationKey, 'integrationKey');
    return (await callEndpoint(this.caller, integrationsGetOidcClientSecret, { integration_key }, options)).response.client_secret;
  }

  /** Gives an OIDC application a new client secret and answers it; the old one stops working. */
  async rotateOidcClientSecret(integrationKey: string, options?: RequestOptions): Promise<string> {
    const integration_key = requireString(integrationKey, 'integrationKey');
    return (await callEndpoint(this.caller, integrationsRotateOidcClientSecret, { integration_key }, options)).response.client_secret;
  }
}

// A reset makes each send produce a different key: never retried after an ambiguous failure.
function withResetIdempotency(fields: { reset_secret_key?: boolean | undefined }, options: RequestOptions | undefined): RequestOptions | undefined {
  return fields.reset_secret_key ? { ...options, idempotent: false } : options;
}
