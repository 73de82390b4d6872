import { u2ftokensDelete, u2ftokensGet, u2ftokensList, usersU2ftokensList } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { reject } from '../../params/read-param.js';
import { defineRoute, type Route } from '../../route.js';
import { serializeU2fToken } from '../../serialize/serialize-hardware-token.js';
import type { Account, U2fToken } from '../../state/types.js';
import { userOr404 } from './user-fields.js';

/** Admin API U2F tokens (deprecated by Duo, still served): list, get, delete, and a user's. */
export const u2fTokenRoutes: Route[] = [
  defineRoute({
    endpoint: u2ftokensList,
    handle(ctx) {
      const page = paginate(Object.values(registrations(ctx.account)), ctx.params, pageDefaults(u2ftokensList, ctx.options.overMaxLimit));
      return ok(page.response.map((u) => serializeU2fToken(ctx.account, u)), page.metadata);
    },
  }),
  defineRoute({
    endpoint: u2ftokensGet,
    handle(ctx) {
      const u2f = registrations(ctx.account)[ctx.path['registration_id'] ?? ''];
      if (!u2f) reject(failures.notFound('registration_id'));
      return ok(serializeU2fToken(ctx.account, u2f));
    },
  }),
  defineRoute({
    endpoint: u2ftokensDelete,
    handle(ctx) {
      if (ctx.account.u2ftokens) delete ctx.account.u2ftokens[ctx.path['registration_id'] ?? ''];
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersU2ftokensList,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const own = Object.values(registrations(ctx.account)).filter((u) => u.user_id === user.user_id);
      const page = paginate(own, ctx.params, pageDefaults(usersU2ftokensList, ctx.options.overMaxLimit));
      return ok(page.response.map((u) => serializeU2fToken(ctx.account, u)), page.metadata);
    },
  }),
];

// States exported before U2F was modelled have no registrations; reads must not add the field.
const NONE: Readonly<Record<string, U2fToken>> = Object.freeze({});

/** An account's U2F registrations (none when the state predates them). */
export function registrations(account: Account): Readonly<Record<string, U2fToken>> {
  return account.u2ftokens ?? NONE;
}
