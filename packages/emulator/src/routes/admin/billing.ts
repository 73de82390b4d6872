import { billingGetEdition, billingGetTelephonyCredits, billingSetEdition, billingSetTelephonyCredits } from '@duohub/sdk';
import { fail, failures, ok } from '../../duo-result.js';
import { optionalInt, reject, requireString } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import type { Account } from '../../state/types.js';

const EDITIONS = ['ENTERPRISE', 'PLATFORM', 'BEYOND'] as const;

/**
 * Child-account billing (`/admin/v1/billing/edition|telephony_credits`): only a parent's Accounts
 * API key acting on a child through `account_id` may call them. Credits set the child's total,
 * the difference coming from (or going back to) the parent.
 */
export const billingRoutes: Route[] = [
  defineRoute({
    endpoint: billingGetEdition,
    handle: (ctx) => ok({ edition: childOr403(ctx).edition }),
  }),
  defineRoute({
    endpoint: billingSetEdition,
    handle(ctx) {
      const child = childOr403(ctx);
      const edition = requireString(ctx.params, 'edition').trim().toUpperCase();
      if (!(EDITIONS as readonly string[]).includes(edition)) reject(failures.invalidParam('edition'));
      child.edition = edition as Account['edition'];
      return ok('');
    },
  }),
  defineRoute({
    endpoint: billingGetTelephonyCredits,
    handle: (ctx) => ok({ credits: childOr403(ctx).telephony_credits }),
  }),
  defineRoute({
    endpoint: billingSetTelephonyCredits,
    handle(ctx) {
      const child = childOr403(ctx);
      requireString(ctx.params, 'credits');
      const credits = optionalInt(ctx.params, 'credits', { min: 0 })!;
      const parent = ctx.state.accounts[child.parent_id!];
      const delta = credits - child.telephony_credits;
      if (!parent || parent.telephony_credits < delta) {
        reject(fail(400, 40002, 'Invalid request parameters', 'credits: the parent account has too few credits'));
      }
      parent.telephony_credits -= delta;
      child.telephony_credits = credits;
      return ok('');
    },
  }),
];

function childOr403(ctx: HandlerContext): Account {
  if (ctx.integration?.type !== 'accounts' || ctx.account.parent_id === null) {
    reject(failures.forbidden('Billing endpoints are for child accounts, called with Accounts API credentials.'));
  }
  return ctx.account;
}
