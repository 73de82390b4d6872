import { bypassCodesDelete, bypassCodesGet, bypassCodesList, usersBypassCodesCreate, usersBypassCodesList } from '@duohub/sdk';
import { fail, failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalBool, optionalInt, reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeBypassCode } from '../../serialize/serialize-bypass-code.js';
import { newId, newNumericCode } from '../../state/ids.js';
import type { Account, BypassCode } from '../../state/types.js';
import { userOr404 } from './user-fields.js';

/** Duo's one-to-many limit: at most 100 bypass codes per user (API.md 3.2). */
export const MAX_BYPASS_CODES_PER_USER = 100;

/** Admin API bypass codes: list, get, delete, and a user's codes (list and create). */
export const bypassCodeRoutes: Route[] = [
  defineRoute({
    endpoint: bypassCodesList,
    handle(ctx) {
      const page = paginate(Object.values(ctx.account.bypass_codes), ctx.params, pageDefaults(bypassCodesList, ctx.options.overMaxLimit));
      return ok(page.response.map((c) => serializeBypassCode(ctx.account, c)), page.metadata);
    },
  }),
  defineRoute({
    endpoint: bypassCodesGet,
    handle(ctx) {
      const code = ctx.account.bypass_codes[ctx.path['bypass_code_id'] ?? ''];
      if (!code) reject(failures.notFound('bypass_code_id'));
      return ok(serializeBypassCode(ctx.account, code));
    },
  }),
  defineRoute({
    endpoint: bypassCodesDelete,
    handle(ctx) {
      delete ctx.account.bypass_codes[ctx.path['bypass_code_id'] ?? ''];
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersBypassCodesList,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const page = paginate(codesOf(ctx.account, user.user_id), ctx.params, pageDefaults(usersBypassCodesList, ctx.options.overMaxLimit));
      return ok(page.response.map((c) => serializeBypassCode(ctx.account, c)), page.metadata);
    },
  }),
  defineRoute({
    endpoint: usersBypassCodesCreate,
    nonIdempotent: 'bypass_codes.create',
    handle: createCodes,
  }),
];

function codesOf(account: Account, userId: string): BypassCode[] {
  return Object.values(account.bypass_codes).filter((c) => c.user_id === userId);
}

/**
 * Creates codes for a user: `count` random 9-digit codes (1-10, default 10) or the `codes` CSV.
 * Without `preserve_existing` the user's old codes are replaced; with it, going past 100 codes or
 * reusing an existing code changes nothing and fails. Answers the codes, the only time Duo shows them.
 */
function createCodes(ctx: HandlerContext) {
  const { account, params } = ctx;
  const user = userOr404(account, ctx.path['user_id']);
  if (params.has('count') && params.has('codes')) reject(failures.invalidParam('count, codes'));
  const reuseCount = optionalInt(params, 'reuse_count', { min: 0 }) ?? 1;
  const validSecs = optionalInt(params, 'valid_secs', { min: 0 }) ?? 0;
  const preserve = optionalBool(params, 'preserve_existing') ?? false;
  const existing = codesOf(account, user.user_id);
  const kept = preserve ? existing : [];

  let codes: string[];
  const csv = params.get('codes');
  if (csv !== undefined) {
    codes = csv.split(',').map((c) => c.trim());
    if (codes.some((c) => !/^\d{4,16}$/.test(c)) || new Set(codes).size !== codes.length) {
      reject(failures.invalidParam('codes'));
    }
    const taken = new Set(kept.map((c) => c.code));
    if (codes.some((c) => taken.has(c))) reject(fail(400, 40002, 'Invalid request parameters', 'codes: a code already exists'));
  } else {
    const count = optionalInt(params, 'count', { min: 1, max: 10 }) ?? 10;
    const taken = new Set(kept.map((c) => c.code));
    codes = [];
    while (codes.length < count) {
      const code = newNumericCode(9, ctx.random);
      if (!taken.has(code)) {
        taken.add(code);
        codes.push(code);
      }
    }
  }
  if (kept.length + codes.length > MAX_BYPASS_CODES_PER_USER) {
    reject(failures.objectLimit(`A user may have at most ${MAX_BYPASS_CODES_PER_USER} bypass codes.`));
  }

  if (!preserve) for (const old of existing) delete account.bypass_codes[old.bypass_code_id];
  const nowSec = Math.floor(ctx.now() / 1000);
  for (const code of codes) {
    let id = newId('DB', ctx.random);
    while (account.bypass_codes[id]) id = newId('DB', ctx.random);
    account.bypass_codes[id] = {
      bypass_code_id: id,
      code,
      user_id: user.user_id,
      admin_email: '',
      created: nowSec,
      expiration: validSecs === 0 ? null : nowSec + validSecs,
      reuse_count: reuseCount === 0 ? null : reuseCount,
    };
  }
  ctx.recordExecution('bypass_codes.create', { user_id: user.user_id, count: codes.length });
  return ok(codes);
}
