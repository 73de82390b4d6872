import {
  desktopTokensActivate,
  desktopTokensCreate,
  desktopTokensDelete,
  desktopTokensGet,
  desktopTokensList,
  desktopTokensUpdate,
  usersDesktopTokensList,
} from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalInt, reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeDesktopToken } from '../../serialize/serialize-desktop-token.js';
import { desktopTokensOf } from '../../state/authenticator-records.js';
import { newAuthenticatorKey } from '../../state/new-authenticator-key.js';
import type { DesktopToken } from '../../state/types.js';
import { userOr404 } from './user-fields.js';

/** Deprecated desktop tokens, served because Duo's Python client still calls them. */
export const desktopTokenRoutes: Route[] = [
  defineRoute({
    endpoint: desktopTokensList,
    handle(ctx) {
      const page = paginate(Object.values(desktopTokensOf(ctx.account)), ctx.params, pageDefaults(desktopTokensList, ctx.options.overMaxLimit));
      return ok(page.response.map((t) => serializeDesktopToken(ctx.account, t)), page.metadata);
    },
  }),
  defineRoute({ endpoint: desktopTokensGet, handle: (ctx) => ok(serializeDesktopToken(ctx.account, tokenOr404(ctx))) }),
  defineRoute({
    endpoint: desktopTokensCreate,
    nonIdempotent: 'desktop_tokens.create',
    handle(ctx) {
      const tokens = desktopTokensOf(ctx.account);
      const id = newAuthenticatorKey('DT', ctx.random, (k) => tokens[k] !== undefined);
      const token: DesktopToken = {
        desktoptoken_id: id,
        name: ctx.params.get('name') ?? '',
        platform: (ctx.params.get('platform') ?? 'unknown').trim().toLowerCase(),
        user_ids: [],
      };
      tokens[id] = token;
      ctx.recordExecution('desktop_tokens.create', { desktoptoken_id: id });
      return ok(serializeDesktopToken(ctx.account, token));
    },
  }),
  defineRoute({
    endpoint: desktopTokensUpdate,
    handle(ctx) {
      const token = tokenOr404(ctx);
      const name = ctx.params.get('name');
      const platform = ctx.params.get('platform');
      if (name !== undefined) token.name = name;
      if (platform !== undefined) token.platform = platform.trim().toLowerCase();
      return ok(serializeDesktopToken(ctx.account, token));
    },
  }),
  defineRoute({
    endpoint: desktopTokensDelete,
    handle(ctx) {
      delete desktopTokensOf(ctx.account)[ctx.path['desktoptoken_id'] ?? ''];
      return ok('');
    },
  }),
  defineRoute({
    endpoint: desktopTokensActivate,
    nonIdempotent: 'desktop_tokens.activate',
    handle(ctx) {
      const token = tokenOr404(ctx);
      const validSecs = optionalInt(ctx.params, 'valid_secs', { min: 1 }) ?? 86_400;
      const code = newAuthenticatorKey('DT', ctx.random, () => false).slice(2);
      const url = `https://${ctx.account.api_hostname}/frame/desktoptoken/activate/${code}`;
      ctx.recordExecution('desktop_tokens.activate', { desktoptoken_id: token.desktoptoken_id });
      return ok({ activation_msg: `To activate your desktop token, open ${url}`, activation_url: url, valid_secs: validSecs });
    },
  }),
  defineRoute({
    endpoint: usersDesktopTokensList,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const mine = Object.values(desktopTokensOf(ctx.account)).filter((t) => t.user_ids.includes(user.user_id));
      const page = paginate(mine, ctx.params, pageDefaults(usersDesktopTokensList, ctx.options.overMaxLimit));
      return ok(page.response.map((t) => serializeDesktopToken(ctx.account, t)), page.metadata);
    },
  }),
];

function tokenOr404(ctx: HandlerContext): DesktopToken {
  const token = desktopTokensOf(ctx.account)[ctx.path['desktoptoken_id'] ?? ''];
  if (!token) reject(failures.notFound('desktoptoken_id'));
  return token;
}
