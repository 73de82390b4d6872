import { accountsCreate, accountsDelete, accountsList } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { reject, requireString } from '../../params/read-param.js';
import { defineRoute, type Route } from '../../route.js';
import { newAccount } from '../../seed/new-account.js';
import type { Account } from '../../state/types.js';

/** A child account as the Accounts API lists it. */
export function serializeChildAccount(account: Account): { account_id: string; name: string; api_hostname: string } {
  return { account_id: account.account_id, name: account.name, api_hostname: account.api_hostname };
}

/** Accounts API (`/accounts/v1/account/list|create|delete`, all POST): the parent's child accounts. */
export const accountsRoutes: Route[] = [
  defineRoute({
    endpoint: accountsList,
    readOnly: true,
    handle(ctx) {
      const children = Object.values(ctx.state.accounts).filter((a) => a.parent_id === ctx.account.account_id);
      return ok(children.map(serializeChildAccount));
    },
  }),
  defineRoute({
    endpoint: accountsCreate,
    nonIdempotent: 'accounts.create',
    handle(ctx) {
      const name = requireString(ctx.params, 'name');
      let child = newAccount(name, ctx.account.account_id, ctx.random);
      while (ctx.state.accounts[child.account_id]) child = newAccount(name, ctx.account.account_id, ctx.random);
      ctx.state.accounts[child.account_id] = child;
      ctx.recordExecution('accounts.create', { account_id: child.account_id, name });
      return ok(serializeChildAccount(child));
    },
  }),
  defineRoute({
    endpoint: accountsDelete,
    handle(ctx) {
      const accountId = requireString(ctx.params, 'account_id');
      const child = ctx.state.accounts[accountId];
      if (!child || child.parent_id !== ctx.account.account_id) reject(failures.invalidParam('account_id'));
      delete ctx.state.accounts[accountId];
      return ok('');
    },
  }),
];
