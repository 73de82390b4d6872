import { callDeclared, policiesGet } from '@duohub/sdk';
import { createActionContext } from '../actions/action-context.js';
import { mapDuoError } from '../actions/map-duo-error.js';
import { resolveActionClients } from '../actions/resolve-action-clients.js';
import { isHubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import type { BaselineActual, BaselineWanted } from './compare-baseline.js';

/** The organization whose account is read. */
export interface AccountTarget {
  id: string;
  integrationId: string;
}

/**
 * Reads what a baseline compares of one organization's Duo account, with that organization's own
 * clients (pooled per store, so a fleet check reuses connections): the settings when any are
 * wanted, the global policy when policy sections are. Reads only; nothing is audited per read.
 */
export async function readAccountState(hub: HubContext, target: AccountTarget, wanted: BaselineWanted, signal?: AbortSignal): Promise<BaselineActual> {
  const clients = await resolveActionClients(hub, { integrationId: target.integrationId, organizationId: target.id });
  const admin = createActionContext(clients).admin();
  const out: BaselineActual = {};
  try {
    if (Object.keys(wanted.settings).length > 0) {
      out.settings = (await admin.request('GET', '/admin/v1/settings', undefined, signal ? { signal } : {})).response as Record<string, unknown>;
    }
    if (Object.keys(wanted.policies?.global ?? {}).length > 0) {
      const policy = (await callDeclared(admin, policiesGet, { policy_key: 'global' }, signal ? { signal } : {})).response as { sections?: Record<string, unknown> };
      out.globalPolicySections = policy.sections ?? {};
    }
  } catch (error) {
    if (isHubError(error)) throw error;
    throw mapDuoError(error, true) ?? error;
  }
  return out;
}

/** A check error as stored and shown: the hub error's message, never a raw exception's text. */
export function checkErrorMessage(error: unknown): string {
  if (isHubError(error)) return `${error.code}: ${error.message}`;
  return 'internal: the check failed inside the hub; it has been logged';
}
