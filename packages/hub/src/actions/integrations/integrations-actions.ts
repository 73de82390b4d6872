import {
  callDeclared,
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
  integrationsRotateOauthClientSecret,
  integrationsRotateOidcClientSecret,
  integrationsUpdate,
  integrationsUpdateLatest,
} from '@duohub/sdk';
import { z } from 'zod';
import { HubError } from '../../errors/hub-error.js';
import type { ActionContext } from '../action-context.js';
import { dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';
import { dryRun, type DryRunOutput } from '../schemas/common.js';

/**
 * Catalog actions of Duo's integrations ("applications"), one per documented endpoint. Answers
 * carry masked secret keys; the secret key and client secret actions reveal a secret once, in
 * their output, which the audit log never stores (it keeps inputs only, redacted).
 */

const resource = 'integrations';

/** A Duo integration key: `DI` and 18 uppercase letters or digits. */
export const integrationKeyInput = z
  .string()
  .regex(/^DI[A-Z0-9]{18}$/, 'must be a Duo integration key (DI and 18 uppercase letters or digits)')
  .describe('Integration key (DI...)');

const clientIdInput = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a client id (letters, digits, - and _)')
  .describe('Client id of the OAuth client-credentials client');

const keyInput = { integration_key: integrationKeyInput };
const signal = (ctx: ActionContext) => (ctx.signal ? { signal: ctx.signal } : {});
// A reset through a modify would hide the new key behind a masked answer: the hub never sends it.
const MODIFY_OMIT = ['reset_secret_key'];

/** The integration object in Duo's names as a dry run reads it: flags are 0/1, inputs booleans. */
function modifyDiff(target: Record<string, unknown>, input: Record<string, unknown>): DryRunOutput['diff'] {
  const out: NonNullable<DryRunOutput['diff']> = {};
  for (const [name, to] of Object.entries(input)) {
    if (name === 'integration_key' || to === undefined) continue;
    const from = target[name];
    const bit = (name.startsWith('adminapi_') || name === 'prompt_v4_enabled') && typeof to === 'boolean';
    const same = bit ? (from === 1) === to : JSON.stringify(from) === JSON.stringify(to);
    if (!same) out[name] = { from: from ?? null, to };
  }
  return out;
}

const describeModify = (t: Record<string, unknown>, input: Record<string, unknown>) => {
  const fields = Object.keys(input).filter((k) => k !== 'integration_key' && input[k] !== undefined);
  return `would change ${fields.length ? fields.join(', ') : 'nothing'} of application "${String(t['name'])}" (${String(t['type'])})`;
};

/** Lists the account's applications (v2), a page at a time. */
export const integrationsListAction = endpointAction(integrationsList, {
  resource,
  title: 'List applications',
  description: "Lists the account's Duo applications (integrations) with their type, settings and Admin API permissions; secret keys are masked.",
});

/** Reads one application (v2). */
export const integrationsGetAction = endpointAction(integrationsGet, {
  resource,
  title: 'Get application',
  description: 'Reads one Duo application by its integration key; the secret key is masked.',
  input: keyInput,
});

/** Reads one application as v3 answers it, with who may use it. */
export const integrationsGetLatestAction = endpointAction(integrationsGetLatest, {
  resource,
  title: 'Get application (with user access)',
  description: 'Reads one Duo application by its integration key through Duo\'s v3 handler, which also says who may authenticate to it (user_access).',
  input: keyInput,
});

/** Creates an application (v2): Duo's way to make generic SSO applications. */
export const integrationsCreateAction = endpointAction(integrationsCreate, {
  resource,
  title: 'Create application',
  description:
    'Creates a Duo application of the given type (authapi, adminapi, websdk, sso-generic with its sso settings, ...). The answer masks the secret key: read it with "Reveal application secret key". Never retried.',
});

/** Creates an application through v3, choosing who may use it. */
export const integrationsCreateLatestAction = endpointAction(integrationsCreateLatest, {
  resource,
  title: 'Create application (with user access)',
  description:
    'Creates a Duo application through Duo\'s v3 handler, choosing who may authenticate (all users, nobody, or the listed groups). The secret key is masked; reveal it separately. Never retried.',
});

/** Creates an application through the legacy v1 handler. */
export const integrationsCreateLegacyAction = endpointAction(integrationsCreateLegacy, {
  resource,
  title: 'Create application (legacy v1)',
  description: "Creates a Duo application through Duo's legacy v1 handler (no SSO applications). Prefer \"Create application\". Never retried.",
  omit: ['visual_style'],
});

/** Modifies an application (v2); permissions and access are security settings, so it is dry-runnable. */
export const integrationsUpdateAction = endpointAction(integrationsUpdate, {
  resource,
  title: 'Modify application',
  description:
    "Changes an application's name, notes, groups, trusted networks, new-user policy, attached policy or Admin API permissions. A dry run shows what would change.",
  destructive: true,
  input: keyInput,
  omit: MODIFY_OMIT,
  dryRun: dryRunByReading(integrationsGet, describeModify, modifyDiff),
});

/** Modifies an application through v3, `user_access` included. */
export const integrationsUpdateLatestAction = endpointAction(integrationsUpdateLatest, {
  resource,
  title: 'Modify application (with user access)',
  description: "Changes an application's settings through Duo's v3 handler, including who may authenticate (user_access). A dry run shows what would change.",
  destructive: true,
  input: keyInput,
  omit: MODIFY_OMIT,
  dryRun: dryRunByReading(integrationsGetLatest, describeModify, modifyDiff),
});

/** Deletes an application: its keys stop working at once. */
export const integrationsDeleteAction = endpointAction(integrationsDelete, {
  resource,
  title: 'Delete application',
  description: 'Deletes a Duo application: everything using its keys stops authenticating at once. A dry run reads it and deletes nothing.',
  destructive: true,
  input: keyInput,
  dryRun: dryRunByReading(integrationsGet, (t) => `would delete application "${String(t['name'])}" (${String(t['type'])}); its keys stop working at once`),
  output: z.object({ deleted: z.literal(true), integration_key: z.string() }),
  run: async (ctx, input) => {
    await callDeclared(ctx.admin(), integrationsDelete, { integration_key: input['integration_key'] }, signal(ctx));
    return { deleted: true as const, integration_key: input['integration_key'] as string };
  },
});

/** Reveals an application's full secret key. */
export const integrationsGetSecretKeyAction = endpointAction(integrationsGetSecretKey, {
  resource,
  title: 'Reveal application secret key',
  description:
    "REVEALS the application's full secret key, once, in this action's output: treat it as a password. The audit log records that it was read, never the key.",
  input: keyInput,
});

/** Reveals an OAuth client-credentials client's secret. */
export const integrationsGetOauthClientSecretAction = endpointAction(integrationsGetOauthClientSecret, {
  resource,
  title: 'Reveal OAuth client secret',
  description:
    "REVEALS the client secret of one client of an OAuth 2.0 client-credentials application, once, in this action's output: treat it as a password. The audit log never stores it.",
  input: { ...keyInput, client_id: clientIdInput },
});

/** Issues a new secret for an OAuth client-credentials client. */
export const integrationsRotateOauthClientSecretAction = endpointAction(integrationsRotateOauthClientSecret, {
  resource,
  title: 'Reset OAuth client secret',
  description:
    "Gives one client of an OAuth 2.0 client-credentials application a new secret, revealed once in the output; the old secret stops working at once. A dry run checks the client and changes nothing.",
  destructive: true,
  input: { ...keyInput, client_id: clientIdInput },
  dryRun: async (ctx, input) => {
    const target = (await callDeclared(ctx.admin(), integrationsGet, { integration_key: input['integration_key'] }, signal(ctx))).response as Record<string, unknown>;
    const clients = ((target['sso'] as { oauth_config?: { clients?: Array<{ client_id: string; name?: string }> } } | undefined)?.oauth_config?.clients) ?? [];
    const client = clients.find((c) => c.client_id === input['client_id']);
    if (!client) throw new HubError('not_found', { message: `Application ${String(input['integration_key'])} has no OAuth client ${String(input['client_id'])}.` });
    return dryRun(target, `would replace the secret of OAuth client "${client.name ?? client.client_id}" of application "${String(target['name'])}"; the old secret stops working at once`);
  },
});

/** Reveals an OIDC application's client secret. */
export const integrationsGetOidcClientSecretAction = endpointAction(integrationsGetOidcClientSecret, {
  resource,
  title: 'Reveal OIDC client secret',
  description: "REVEALS the client secret of an OIDC application, once, in this action's output: treat it as a password. The audit log never stores it.",
  input: keyInput,
});

/** Issues a new client secret for an OIDC application. */
export const integrationsRotateOidcClientSecretAction = endpointAction(integrationsRotateOidcClientSecret, {
  resource,
  title: 'Reset OIDC client secret',
  description:
    'Gives an OIDC application a new client secret, revealed once in the output; the old secret stops working at once. A dry run reads the application and changes nothing.',
  destructive: true,
  input: keyInput,
  dryRun: async (ctx, input) => {
    const target = (await callDeclared(ctx.admin(), integrationsGet, { integration_key: input['integration_key'] }, signal(ctx))).response as Record<string, unknown>;
    if (target['type'] !== 'sso-oidc-generic') throw new HubError('not_found', { message: `Application ${String(input['integration_key'])} is not an OIDC application.` });
    return dryRun(target, `would replace the client secret of OIDC application "${String(target['name'])}"; the old secret stops working at once`);
  },
});

/** Every integrations action, in display order. */
export const integrationActions = [
  integrationsListAction,
  integrationsGetAction,
  integrationsGetLatestAction,
  integrationsCreateAction,
  integrationsCreateLatestAction,
  integrationsCreateLegacyAction,
  integrationsUpdateAction,
  integrationsUpdateLatestAction,
  integrationsDeleteAction,
  integrationsGetSecretKeyAction,
  integrationsGetOauthClientSecretAction,
  integrationsRotateOauthClientSecretAction,
  integrationsGetOidcClientSecretAction,
  integrationsRotateOidcClientSecretAction,
] as const;
