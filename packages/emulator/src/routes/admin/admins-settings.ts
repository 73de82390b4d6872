import { createHash } from 'node:crypto';
import {
  adminsGetAllowedAuthMethods,
  adminsGetPasswordMgmt,
  adminsListPasswordMgmt,
  adminsUpdateAllowedAuthMethods,
  adminsUpdatePasswordMgmt,
} from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalBool, optionalInt, reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeAdminPasswordMgmt } from '../../serialize/serialize-admin.js';
import { ADMIN_AUTH_METHOD_NAMES, DEFAULT_ADMIN_AUTH_METHODS, replaceAdminAuthMethods, type AdminAuthMethodName } from '../../state/admin-auth-methods.js';
import { adminsOf } from '../../state/admin-records.js';
import { adminOr404 } from './admins-fields.js';

/** External password management per administrator, and the sign-in methods every administrator may use. */
export const adminSettingsRoutes: Route[] = [
  defineRoute({
    endpoint: adminsListPasswordMgmt,
    handle(ctx) {
      const page = paginate(Object.values(adminsOf(ctx.account)), ctx.params, pageDefaults(adminsListPasswordMgmt, ctx.options.overMaxLimit));
      return ok(page.response.map(serializeAdminPasswordMgmt), page.metadata);
    },
  }),
  defineRoute({ endpoint: adminsGetPasswordMgmt, handle: (ctx) => ok(serializeAdminPasswordMgmt(adminOr404(ctx))) }),
  defineRoute({ endpoint: adminsUpdatePasswordMgmt, handle: updatePasswordMgmt }),
  defineRoute({
    endpoint: adminsGetAllowedAuthMethods,
    handle: (ctx) => ok({ ...(ctx.account.admin_auth_methods ?? DEFAULT_ADMIN_AUTH_METHODS) }),
  }),
  defineRoute({
    endpoint: adminsUpdateAllowedAuthMethods,
    handle(ctx) {
      const given: Partial<Record<AdminAuthMethodName, boolean>> = {};
      for (const name of ADMIN_AUTH_METHOD_NAMES) {
        const value = optionalBool(ctx.params, name);
        if (value !== undefined) given[name] = value;
      }
      const length = optionalInt(ctx.params, 'verified_push_length');
      const change = replaceAdminAuthMethods(ctx.account.admin_auth_methods ?? DEFAULT_ADMIN_AUTH_METHODS, given, length);
      if (!change.ok) reject(failures.invalidParam(change.invalid));
      ctx.account.admin_auth_methods = change.methods;
      return ok({ ...change.methods });
    },
  }),
];

/**
 * Turns external password management on or off and sets the password. Neither field -> 40001.
 * A password needs external management (on already or in the same request) and must meet the
 * account's `minimum_password_length` (default 12) -> else 40002 naming `password`. Turning
 * management on lifts `password_change_required` (Duo forbids the two together); turning it off
 * forgets the password. Only a salted SHA-256 of the password is kept.
 */
function updatePasswordMgmt(ctx: HandlerContext) {
  const admin = adminOr404(ctx);
  const external = optionalBool(ctx.params, 'has_external_password_mgmt');
  const password = ctx.params.get('password');
  if (external === undefined && password === undefined) reject(failures.missingParam('has_external_password_mgmt'));
  const managed = external ?? admin.has_external_password_mgmt ?? false;
  if (password !== undefined) {
    const minimum = Number(ctx.account.settings['minimum_password_length'] ?? 12);
    if (!managed || password.length < minimum) reject(failures.invalidParam('password'));
  }
  admin.has_external_password_mgmt = managed;
  if (managed) admin.password_change_required = false;
  if (!managed) admin.password_sha256 = null;
  if (password !== undefined) admin.password_sha256 = createHash('sha256').update(`${admin.admin_id}:${password}`).digest('hex');
  return ok(serializeAdminPasswordMgmt(admin));
}
