import type { DuoAccountsClient, DuoAdminClient, DuoAuthClient } from '@duohub/sdk';
import { requireOrganizationAccess, requireScope, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { HubError, isHubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { createActionContext, type ActionIntegration, type ActionOrganization } from './action-context.js';
import { actionTarget } from './action-target.js';
import { findAction } from './catalog.js';
import { redactActionInput } from './redact-action-input.js';
import { runAction, type RunResult } from './run-action.js';

/** A request to run one catalog action, as REST and the CLI receive it. */
export interface RunActionRequest {
  actionId: string;
  integrationId: string;
  organizationId?: string | undefined;
  input?: unknown;
  dryRun?: boolean | undefined;
}

/** The Duo clients and records an action runs with, as the integration resolver returns them. */
export interface ResolvedActionClients {
  admin?: DuoAdminClient | undefined;
  accounts?: DuoAccountsClient | undefined;
  auth?: DuoAuthClient | undefined;
  integration: ActionIntegration;
  organization?: ActionOrganization | undefined;
  directoryKey?: string | null | undefined;
}

/** Finds the integration (and organization) and builds its Duo clients. */
export type ActionClientResolver = (
  hub: HubContext,
  target: { integrationId: string; organizationId?: string | undefined },
) => Promise<ResolvedActionClients>;

/**
 * Runs a catalog action for an actor: checks the `operate` scope and the token's organization
 * limit, resolves the Duo clients, runs, and writes one audit entry per run (inputs without
 * secrets or codes; never the output, which may hold bypass codes or activation links).
 */
export async function runCatalogAction(
  hub: HubContext,
  actor: Actor,
  request: RunActionRequest,
  resolve: ActionClientResolver,
  signal?: AbortSignal,
): Promise<RunResult> {
  const action = findAction(request.actionId);
  const auditTarget = {
    action: `actions.${request.actionId}`,
    organizationId: request.organizationId ?? null,
    targetType: action?.resource ?? null,
    targetId: actionTarget(request.input) ?? null,
    inputs: {
      integration_id: request.integrationId,
      dry_run: request.dryRun ?? false,
      input: redactActionInput(request.input),
    },
  };
  try {
    requireScope(actor, 'operate');
    if (!action) throw new HubError('not_found', { message: `No action has the id ${request.actionId}.` });
    checkOrganizationLimit(actor, action.api, request.organizationId);
    const resolved = await resolve(hub, { integrationId: request.integrationId, organizationId: request.organizationId });
    const ctx = createActionContext({ ...resolved, dryRun: request.dryRun ?? false, signal });
    const result = await runAction(action, ctx, request.input);
    await recordAudit(hub.store.db, hub, actor, auditTarget, 'success');
    return result;
  } catch (error) {
    const outcome = isHubError(error) && error.code === 'forbidden' && !hasDuoCode(error) ? 'denied' : 'failure';
    try {
      await recordAudit(hub.store.db, hub, actor, auditTarget, outcome, isHubError(error) ? error.code : 'internal');
    } catch (auditError) {
      hub.logger.error({ err: auditError, action: auditTarget.action }, 'could not write the action audit entry');
    }
    throw error;
  }
}

/**
 * A token limited to organizations may only run actions on an organization in its list, and only
 * Admin API actions (on the organization's account) or Auth API actions (with the organization's
 * own Auth keys, or the integration's for an organization mapped to `parent`, which are that
 * account's): Accounts API keys reach every child account.
 */
function checkOrganizationLimit(actor: Actor, api: string, organizationId: string | undefined): void {
  if (actor.organizationIds === null) return;
  if (api !== 'admin' && api !== 'auth') {
    throw new HubError('forbidden', {
      message: `This token is limited to organizations; ${api} API actions reach beyond one organization.`,
      details: { reason: 'organization_limited' },
    });
  }
  if (!organizationId) {
    throw new HubError('forbidden', {
      message: 'This token is limited to organizations; name one with organization_id.',
      details: { reason: 'organization_limited' },
    });
  }
  requireOrganizationAccess(actor, organizationId);
}

function hasDuoCode(error: HubError): boolean {
  return typeof error.details === 'object' && error.details !== null && 'duo_code' in error.details;
}
