import type { DuoClient } from '@duohub/sdk';
import type { ActionContext } from '../action-context.js';
import type { ActionApi } from '../define-action.js';

/** The SDK client an action calls an API family through (each getter checks its credential set). */
export function callerFor(ctx: ActionContext, api: ActionApi): DuoClient {
  return api === 'admin' ? ctx.admin() : api === 'accounts' ? ctx.accounts() : ctx.auth();
}
