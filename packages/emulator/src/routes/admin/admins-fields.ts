import { ADMIN_ROLES } from '@duohub/sdk';
import { fail, failures } from '../../duo-result.js';
import { optionalInt, reject } from '../../params/read-param.js';
import type { HandlerContext, Params } from '../../route.js';
import { DEFAULT_ACTIVATION_DAYS } from '../../state/admin-activation.js';
import { adminEmailInUse } from '../../state/admin-lookup.js';
import { normalizeAdminPhone } from '../../state/admin-phone.js';
import { adminsOf, type AdminRecord, type AdminRole } from '../../state/admin-records.js';

/** The administrator named by the path's `admin_id`, or 404/40401. */
export function adminOr404(ctx: HandlerContext): AdminRecord {
  const admin = adminsOf(ctx.account)[ctx.path['admin_id'] ?? ''];
  if (!admin) reject(failures.notFound('admin_id'));
  return admin;
}

/**
 * A role parameter. Duo documents role names as case-sensitive, so the declaration's enum check
 * (which, like Duo's other enums, reads case-insensitively) is narrowed here: `owner` -> 40002.
 */
export function readRole(params: Params, name: string): AdminRole | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (!(ADMIN_ROLES as readonly string[]).includes(value)) reject(failures.invalidParam(name));
  return value as AdminRole;
}

/** A phone parameter in E.164; when given it may not be blank (Duo: "cannot be empty"). */
export function readPhone(params: Params): string | undefined {
  const value = params.get('phone');
  if (value === undefined) return undefined;
  const phone = normalizeAdminPhone(value);
  if (phone === undefined) reject(failures.invalidParam('phone'));
  return phone;
}

/** `valid_days` (1-31, default 7). */
export function readValidDays(params: Params): number {
  return optionalInt(params, 'valid_days', { min: 1, max: 31 }) ?? DEFAULT_ACTIVATION_DAYS;
}

/** Refuses an email an administrator or pending activation already has, with the configured code. */
export function assertAdminEmailFree(ctx: HandlerContext, email: string): void {
  if (!adminEmailInUse(ctx.account, email)) return;
  reject(ctx.options.duplicateAdminEmailCode === 40003 ? fail(400, 40003, 'Duplicate resource', 'email') : failures.invalidParam('email'));
}

/** A hardware token id of the account; blank allowed only when `clearable` (it removes the assignment). */
export function readTokenId(ctx: HandlerContext, clearable: boolean): string | null | undefined {
  const value = ctx.params.get('token_id');
  if (value === undefined) return undefined;
  if (value.trim() === '') {
    if (!clearable) reject(failures.invalidParam('token_id'));
    return null;
  }
  if (ctx.account.tokens[value] === undefined) reject(failures.invalidParam('token_id'));
  return value;
}

/** Unix seconds now, from the emulator's clock. */
export function nowSeconds(ctx: HandlerContext): number {
  return Math.floor(ctx.now() / 1000);
}
