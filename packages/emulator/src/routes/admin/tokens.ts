import {
  tokensCreate,
  tokensDelete,
  tokensGet,
  tokensList,
  tokensResync,
  tokensUpdate,
  usersTokensAssociate,
  usersTokensDisassociate,
  usersTokensList,
} from '@duohub/sdk';
import { fail, failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalEnum, optionalInt, reject, requireString } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeHardwareToken } from '../../serialize/serialize-hardware-token.js';
import { serializeToken } from '../../serialize/serialize-user.js';
import { newId } from '../../state/ids.js';
import type { Account, HardwareToken } from '../../state/types.js';
import { checkResync } from '../../tokens/check-resync.js';
import { userOr404 } from './user-fields.js';

// Duo's one-to-many limits (API.md 3.2): 100 OTP tokens per user, 100 users per token.
const OBJECT_LIMIT = 100;
const TYPES = ['h6', 'h8', 'yk', 'd1', 't6', 't8'] as const;
const CREATABLE = ['h6', 'h8', 'yk', 't6', 't8'] as const;

/** Admin API OTP hardware tokens: list, get, create, modify, resync, delete, and a user's tokens. */
export const tokenRoutes: Route[] = [
  defineRoute({
    endpoint: tokensList,
    handle(ctx) {
      const type = optionalEnum(ctx.params, 'type', TYPES);
      const serial = ctx.params.get('serial');
      // Duo documents each filter as required when the other is present.
      if (type !== undefined && serial === undefined) reject(failures.missingParam('serial'));
      if (serial !== undefined && type === undefined) reject(failures.missingParam('type'));
      let tokens = Object.values(ctx.account.tokens);
      if (type !== undefined) tokens = tokens.filter((tk) => tk.type === type && tk.serial === serial);
      const page = paginate(tokens, ctx.params, pageDefaults(tokensList, ctx.options.overMaxLimit));
      return ok(page.response.map((tk) => serializeHardwareToken(ctx.account, tk)), page.metadata);
    },
  }),
  defineRoute({
    endpoint: tokensGet,
    handle: (ctx) => ok(serializeHardwareToken(ctx.account, tokenOr404(ctx.account, ctx.path['token_id']))),
  }),
  defineRoute({
    endpoint: tokensCreate,
    nonIdempotent: 'tokens.create',
    handle: createToken,
  }),
  defineRoute({
    endpoint: tokensUpdate,
    handle(ctx) {
      const token = tokenOr404(ctx.account, ctx.path['token_id']);
      const step = optionalInt(ctx.params, 'totp_step', { min: 1 });
      if (step !== undefined) {
        if (token.type !== 't6' && token.type !== 't8') reject(failures.invalidParam('totp_step'));
        token.totp_step = step;
      }
      return ok(serializeHardwareToken(ctx.account, token));
    },
  }),
  defineRoute({
    endpoint: tokensResync,
    nonIdempotent: 'tokens.resync',
    handle(ctx) {
      const token = tokenOr404(ctx.account, ctx.path['token_id']);
      const codes = [requireString(ctx.params, 'code1'), requireString(ctx.params, 'code2'), requireString(ctx.params, 'code3')] as const;
      const verdict = checkResync(token, codes, Math.floor(ctx.now() / 1000), ctx.options.hardwareTokens);
      if (!verdict.ok) reject(fail(400, 40002, 'Invalid request parameters', verdict.detail));
      if (verdict.counter !== undefined) token.counter = verdict.counter;
      ctx.recordExecution('tokens.resync', { token_id: token.token_id });
      return ok('');
    },
  }),
  defineRoute({
    endpoint: tokensDelete,
    handle(ctx) {
      const id = ctx.path['token_id'] ?? '';
      if (ctx.account.tokens[id]) {
        delete ctx.account.tokens[id];
        for (const user of Object.values(ctx.account.users)) user.token_ids = user.token_ids.filter((t) => t !== id);
      }
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersTokensList,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const tokens = user.token_ids.map((id) => ctx.account.tokens[id]).filter((tk) => tk !== undefined);
      const page = paginate(tokens, ctx.params, pageDefaults(usersTokensList, ctx.options.overMaxLimit));
      return ok(page.response.map(serializeToken), page.metadata);
    },
  }),
  defineRoute({
    endpoint: usersTokensAssociate,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const tokenId = requireString(ctx.params, 'token_id');
      const token = ctx.account.tokens[tokenId];
      if (!token) reject(failures.invalidParam('token_id'));
      if (user.token_ids.includes(tokenId)) return ok('');
      if (user.token_ids.length >= OBJECT_LIMIT) reject(failures.objectLimit('A user may have at most 100 OTP tokens.'));
      if (token.user_ids.length >= OBJECT_LIMIT) reject(failures.objectLimit('An OTP token may have at most 100 users.'));
      user.token_ids.push(tokenId);
      token.user_ids.push(user.user_id);
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersTokensDisassociate,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const tokenId = ctx.path['token_id'] ?? '';
      user.token_ids = user.token_ids.filter((id) => id !== tokenId);
      const token = ctx.account.tokens[tokenId];
      if (token) token.user_ids = token.user_ids.filter((id) => id !== user.user_id);
      return ok('');
    },
  }),
];

/** A token by id, or 404/40401. */
export function tokenOr404(account: Account, tokenId: string | undefined): HardwareToken {
  const token = tokenId === undefined ? undefined : account.tokens[tokenId];
  if (!token) reject(failures.notFound('token_id'));
  return token;
}

function createToken(ctx: HandlerContext) {
  const { params, account } = ctx;
  const type = optionalEnum(params, 'type', CREATABLE) ?? reject(failures.missingParam('type'));
  const serial = requireString(params, 'serial');
  if (Object.values(account.tokens).some((tk) => tk.type === type && tk.serial === serial)) {
    reject(fail(400, ctx.options.hardwareTokens.duplicateSerialCode, 'Invalid request parameters', 'serial'));
  }
  let tokenId = newId('DH', ctx.random);
  while (account.tokens[tokenId]) tokenId = newId('DH', ctx.random);
  const token: HardwareToken = { token_id: tokenId, type, serial, totp_step: null, user_ids: [] };
  if (type === 'yk') {
    token.private_id = hexParam(ctx, 'private_id', 12);
    token.aes_key = hexParam(ctx, 'aes_key', 32);
  } else {
    token.secret = hexParam(ctx, 'secret');
    if (type === 'h6' || type === 'h8') token.counter = optionalInt(params, 'counter', { min: 0 }) ?? 0;
    else token.totp_step = optionalInt(params, 'totp_step', { min: 1 }) ?? 30;
  }
  account.tokens[tokenId] = token;
  ctx.recordExecution('tokens.create', { token_id: tokenId, type, serial });
  return ok(serializeHardwareToken(account, token));
}

// A required hex parameter: absent -> 40001, not hex (or not `length` digits) -> 40002.
function hexParam(ctx: HandlerContext, name: string, length?: number): string {
  const value = requireString(ctx.params, name).trim();
  if (!/^[0-9a-fA-F]+$/.test(value) || (length !== undefined && value.length !== length)) reject(failures.invalidParam(name));
  return value.toLowerCase();
}
