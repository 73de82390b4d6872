import { desktopAuthenticatorsDelete, desktopAuthenticatorsGet, desktopAuthenticatorsList, usersDesktopAuthenticatorsList } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { reject } from '../../params/read-param.js';
import { defineRoute, type Route } from '../../route.js';
import { serializeDesktopAuthenticator } from '../../serialize/serialize-desktop-authenticator.js';
import { desktopAuthenticatorsOf } from '../../state/authenticator-records.js';
import { userOr404 } from './user-fields.js';

/** Admin API Duo Desktop authenticators: list, get, delete, and a user's authenticators. */
export const desktopAuthenticatorRoutes: Route[] = [
  defineRoute({
    endpoint: desktopAuthenticatorsList,
    handle(ctx) {
      const all = Object.values(desktopAuthenticatorsOf(ctx.account));
      const page = paginate(all, ctx.params, pageDefaults(desktopAuthenticatorsList, ctx.options.overMaxLimit));
      return ok(page.response.map((da) => serializeDesktopAuthenticator(ctx.account, da)), page.metadata);
    },
  }),
  defineRoute({
    endpoint: desktopAuthenticatorsGet,
    handle(ctx) {
      const da = desktopAuthenticatorsOf(ctx.account)[ctx.path['dakey'] ?? ''];
      if (!da) reject(failures.notFound('dakey'));
      return ok(serializeDesktopAuthenticator(ctx.account, da));
    },
  }),
  defineRoute({
    endpoint: desktopAuthenticatorsDelete,
    handle(ctx) {
      delete desktopAuthenticatorsOf(ctx.account)[ctx.path['dakey'] ?? ''];
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersDesktopAuthenticatorsList,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const mine = Object.values(desktopAuthenticatorsOf(ctx.account)).filter((da) => da.user_id === user.user_id);
      const page = paginate(mine, ctx.params, pageDefaults(usersDesktopAuthenticatorsList, ctx.options.overMaxLimit));
      return ok(page.response.map((da) => serializeDesktopAuthenticator(ctx.account, da)), page.metadata);
    },
  }),
];
