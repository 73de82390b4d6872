import {
  adminsClearInactivity,
  adminsCreate,
  adminsDelete,
  adminsGet,
  adminsList,
  adminsResetAuthAttempts,
  adminsUpdate,
} from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalBool, optionalEnum, reject, requireString } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeAdmin } from '../../serialize/serialize-admin.js';
import { newActivationLink, sendActivationEmail } from '../../state/admin-activation.js';
import { newAdminId } from '../../state/admin-ids.js';
import { isLastActiveOwner } from '../../state/admin-lookup.js';
import { adminDefaults, adminsOf, type AdminRecord } from '../../state/admin-records.js';
import { dropAdminFromAdminUnits } from '../../state/admin-unit-records.js';
import { adminActivationRoutes } from './admins-activations.js';
import { adminOr404, assertAdminEmailFree, nowSeconds, readPhone, readRole, readTokenId, readValidDays } from './admins-fields.js';
import { adminSettingsRoutes } from './admins-settings.js';
import { adminSyncRoutes } from './admins-sync.js';

/**
 * Admin API administrators: list, create, get, modify, delete, reset failed attempts and clear an
 * inactivity expiration; with their activation links, directory sync, password management and
 * allowed sign-in methods (the `admins-*.ts` files beside this one).
 */
export const administratorRoutes: Route[] = [
  defineRoute({
    endpoint: adminsList,
    handle(ctx) {
      const page = paginate(Object.values(adminsOf(ctx.account)), ctx.params, pageDefaults(adminsList, ctx.options.overMaxLimit));
      return ok(page.response.map((a) => serializeAdmin(ctx.account, a)), page.metadata);
    },
  }),
  defineRoute({ endpoint: adminsCreate, nonIdempotent: 'admins.create', handle: createAdmin }),
  defineRoute({ endpoint: adminsGet, handle: (ctx) => ok(serializeAdmin(ctx.account, adminOr404(ctx))) }),
  defineRoute({ endpoint: adminsUpdate, handle: updateAdmin }),
  defineRoute({ endpoint: adminsDelete, handle: deleteAdmin }),
  defineRoute({
    endpoint: adminsResetAuthAttempts,
    handle(ctx) {
      const admin = adminOr404(ctx);
      admin.failed_attempts = 0;
      // Only a lockout by failed attempts ends here; an administrator disabled on purpose stays disabled.
      if (admin.status === 'Disabled' && admin.disabled_reason === 'failed_attempts') {
        admin.status = 'Active';
        admin.disabled_reason = null;
      }
      return ok(serializeAdmin(ctx.account, admin));
    },
  }),
  defineRoute({
    endpoint: adminsClearInactivity,
    handle(ctx) {
      const admin = adminOr404(ctx);
      // Clearing an administrator that is not Expired changes nothing (Duo's answer to it is unverified).
      if (admin.status === 'Expired') {
        admin.status = admin.status_before_expiry ?? 'Active';
        delete admin.status_before_expiry;
      }
      return ok(serializeAdmin(ctx.account, admin));
    },
  }),
  ...adminActivationRoutes,
  ...adminSyncRoutes,
  ...adminSettingsRoutes,
];

/**
 * Creates an administrator, Pending Activation with a fresh activation link (emailed when
 * `send_email` is set). Role defaults to Owner, as Duo documents; Owners may not be restricted by
 * administrative units.
 */
function createAdmin(ctx: HandlerContext) {
  const { account, params } = ctx;
  const email = requireString(params, 'email').trim();
  const name = requireString(params, 'name');
  const role = readRole(params, 'role') ?? 'Owner';
  const restricted = optionalBool(params, 'restricted_by_admin_units') ?? false;
  if (restricted && role === 'Owner') reject(failures.invalidParam('restricted_by_admin_units'));
  const phone = readPhone(params) ?? null;
  const tokenId = readTokenId(ctx, false) ?? null;
  const validDays = readValidDays(params);
  const sendEmail = optionalBool(params, 'send_email') ?? false;
  assertAdminEmailFree(ctx, email);
  const admins = adminsOf(account);
  const nowSec = nowSeconds(ctx);
  const admin: AdminRecord = {
    admin_id: newAdminId(ctx.random, (id) => admins[id] !== undefined || account.admin_activations?.[id] !== undefined),
    name,
    email,
    phone,
    role,
    status: 'Pending Activation',
    created: nowSec,
    last_login: null,
    last_directory_sync: null,
    password_change_required: false,
    restricted_by_admin_units: restricted,
    token_id: tokenId,
    directory_key: null,
    failed_attempts: 0,
    disabled_reason: null,
    has_external_password_mgmt: false,
    password_sha256: null,
    activation_link: newActivationLink(ctx.random, nowSec, validDays),
  };
  admins[admin.admin_id] = admin;
  if (sendEmail) sendActivationEmail(account, admin.activation_link!, { email, name, admin_id: admin.admin_id }, nowSec);
  ctx.recordExecution('admins.create', { admin_id: admin.admin_id, email_sent: sendEmail });
  return ok(serializeAdmin(account, admin));
}

/**
 * Modifies an administrator. Documented refusals (400/40002 naming the field): name, role and
 * status of a directory-synced administrator; disabling an Owner; status of an administrator that
 * is neither Active nor Disabled; `password_change_required=true` under external password
 * management; Owners restricted by units. Demoting the last Active Owner follows `lastOwner`.
 * Lifting the unit restriction takes the administrator out of its units.
 */
function updateAdmin(ctx: HandlerContext) {
  const { account, params } = ctx;
  const admin = adminOr404(ctx);
  const synced = typeof admin.directory_key === 'string';
  const name = params.get('name');
  const role = readRole(params, 'role');
  const status = optionalEnum(params, 'status', ['Active', 'Disabled'] as const);
  for (const [field, given] of [['name', name], ['role', role], ['status', status]] as const) {
    if (synced && given !== undefined) reject(failures.invalidParam(field));
  }
  // Duo documents the status values as case-sensitive.
  if (status !== undefined && params.get('status') !== status) reject(failures.invalidParam('status'));
  const phone = readPhone(params);
  const changeRequired = optionalBool(params, 'password_change_required');
  const restricted = optionalBool(params, 'restricted_by_admin_units');
  const tokenId = readTokenId(ctx, true);
  const nextRole = role ?? admin.role ?? adminDefaults.role;
  const currentStatus = admin.status ?? adminDefaults.status;
  if (status !== undefined && status !== currentStatus) {
    if (currentStatus !== 'Active' && currentStatus !== 'Disabled') reject(failures.invalidParam('status'));
    if (status === 'Disabled' && nextRole === 'Owner') reject(failures.invalidParam('status'));
  }
  if (nextRole === 'Owner' && (restricted ?? admin.restricted_by_admin_units ?? false)) reject(failures.invalidParam('restricted_by_admin_units'));
  if (changeRequired === true && admin.has_external_password_mgmt === true) reject(failures.invalidParam('password_change_required'));
  if (role !== undefined && role !== 'Owner' && ctx.options.lastOwner === 'protect' && isLastActiveOwner(account, admin)) {
    reject(failures.invalidParam('role'));
  }
  if (name !== undefined) admin.name = name;
  if (phone !== undefined) admin.phone = phone;
  if (role !== undefined) admin.role = role;
  if (status !== undefined && status !== currentStatus) {
    admin.status = status;
    admin.disabled_reason = status === 'Disabled' ? 'admin' : null;
  }
  if (changeRequired !== undefined) admin.password_change_required = changeRequired;
  if (restricted !== undefined) {
    admin.restricted_by_admin_units = restricted;
    if (!restricted) dropAdminFromAdminUnits(account, admin.admin_id);
  }
  if (tokenId !== undefined) admin.token_id = tokenId;
  return ok(serializeAdmin(account, admin));
}

/**
 * Deletes an administrator and takes it out of every administrative unit. Succeeds for an id that
 * is already gone, as Duo's other deletes do (unverified for administrators). Directory-synced
 * administrators cannot be deleted through the API (Duo documents it); the last Active Owner
 * follows `lastOwner`.
 */
function deleteAdmin(ctx: HandlerContext) {
  const admins = adminsOf(ctx.account);
  const admin = admins[ctx.path['admin_id'] ?? ''];
  if (!admin) return ok('');
  if (typeof admin.directory_key === 'string') reject(failures.invalidParam('admin_id'));
  if (ctx.options.lastOwner === 'protect' && isLastActiveOwner(ctx.account, admin)) reject(failures.invalidParam('admin_id'));
  dropAdminFromAdminUnits(ctx.account, admin.admin_id);
  delete admins[admin.admin_id];
  return ok('');
}
