import {
  adminsCreateActivation,
  adminsCreateActivationLink,
  adminsDeleteActivation,
  adminsDeleteActivationLink,
  adminsEmailActivationLink,
  adminsListActivations,
} from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalBool, reject, requireString } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeAdminActivation, serializeAdminActivationLink, serializePendingAdminActivation } from '../../serialize/serialize-admin.js';
import { activationEmail, DEFAULT_ACTIVATION_DAYS, isLinkLive, newActivationLink, sendActivationEmail } from '../../state/admin-activation.js';
import { newAdminId } from '../../state/admin-ids.js';
import { adminActivationsOf, adminsOf, type AdminActivationRecord, type AdminRecord } from '../../state/admin-records.js';
import { adminOr404, assertAdminEmailFree, nowSeconds, readRole, readValidDays } from './admins-fields.js';

/**
 * Activation links: of administrators pending activation (create, email, delete) and of new
 * administrators (`/admins/activations`: create, list, delete). Emails are recorded in the
 * account's `admin_emails` outbox, never sent.
 */
export const adminActivationRoutes: Route[] = [
  defineRoute({ endpoint: adminsCreateActivationLink, nonIdempotent: 'admins.create_activation_link', handle: createLink }),
  defineRoute({ endpoint: adminsEmailActivationLink, nonIdempotent: 'admins.email_activation_link', handle: emailLink }),
  defineRoute({
    endpoint: adminsDeleteActivationLink,
    handle(ctx) {
      const admin = adminOr404(ctx);
      // Deleting a link that is not there changes nothing, as Duo's deletes do.
      admin.activation_link = null;
      return ok('');
    },
  }),
  defineRoute({ endpoint: adminsCreateActivation, nonIdempotent: 'admins.create_activation', handle: createActivation }),
  defineRoute({
    endpoint: adminsListActivations,
    handle(ctx) {
      const all = Object.values(adminActivationsOf(ctx.account));
      const page = paginate(all, ctx.params, pageDefaults(adminsListActivations, ctx.options.overMaxLimit));
      return ok(page.response.map(serializePendingAdminActivation), page.metadata);
    },
  }),
  defineRoute({
    endpoint: adminsDeleteActivation,
    handle(ctx) {
      delete adminActivationsOf(ctx.account)[ctx.path['admin_activation_id'] ?? ''];
      return ok('');
    },
  }),
];

/** An administrator pending activation, or 400/40002 naming `admin_id` (links exist only for them). */
function pendingAdminOr400(ctx: HandlerContext): AdminRecord {
  const admin = adminOr404(ctx);
  if (admin.status !== 'Pending Activation') reject(failures.invalidParam('admin_id'));
  return admin;
}

/**
 * Creates a link for an administrator pending activation. Duo requires that none exists; an
 * expired link counts as none (a guess: it no longer works). Valid for Duo's default 7 days, since
 * this call takes no `valid_days`.
 */
function createLink(ctx: HandlerContext) {
  const admin = pendingAdminOr400(ctx);
  const nowSec = nowSeconds(ctx);
  if (isLinkLive(admin.activation_link, nowSec)) reject(failures.invalidParam('admin_id'));
  const link = newActivationLink(ctx.random, nowSec, DEFAULT_ACTIVATION_DAYS);
  admin.activation_link = link;
  ctx.recordExecution('admins.create_activation_link', { admin_id: admin.admin_id });
  return ok(serializeAdminActivationLink(ctx.account, admin, link, { sent: false, ...activationEmail(ctx.account, link, admin.name) }));
}

/** Emails the current link: 400/40002 naming `admin_id` when there is no live link to send. */
function emailLink(ctx: HandlerContext) {
  const admin = pendingAdminOr400(ctx);
  const nowSec = nowSeconds(ctx);
  const link = admin.activation_link;
  if (!isLinkLive(link, nowSec)) reject(failures.invalidParam('admin_id'));
  sendActivationEmail(ctx.account, link, { email: admin.email, name: admin.name, admin_id: admin.admin_id }, nowSec);
  ctx.recordExecution('admins.email_activation_link', { admin_id: admin.admin_id });
  return ok(serializeAdminActivationLink(ctx.account, admin, link, { sent: true, ...activationEmail(ctx.account, link, admin.name) }));
}

/** A link to the activation form for a new administrator; the name defaults to the email, the role to Owner. */
function createActivation(ctx: HandlerContext) {
  const { account, params } = ctx;
  const email = requireString(params, 'email').trim();
  const name = params.get('admin_name') ?? email;
  const role = readRole(params, 'admin_role') ?? 'Owner';
  const validDays = readValidDays(params);
  const sendEmail = optionalBool(params, 'send_email') ?? false;
  assertAdminEmailFree(ctx, email);
  const activations = adminActivationsOf(account);
  const nowSec = nowSeconds(ctx);
  const activation: AdminActivationRecord = {
    admin_activation_id: newAdminId(ctx.random, (id) => activations[id] !== undefined || adminsOf(account)[id] !== undefined),
    email,
    admin_name: name,
    admin_role: role,
    email_sent: sendEmail,
    link: newActivationLink(ctx.random, nowSec, validDays),
  };
  activations[activation.admin_activation_id] = activation;
  const to = { email, name, admin_activation_id: activation.admin_activation_id };
  if (sendEmail) sendActivationEmail(account, activation.link, to, nowSec);
  ctx.recordExecution('admins.create_activation', { admin_activation_id: activation.admin_activation_id, email_sent: sendEmail });
  return ok(serializeAdminActivation(account, activation, activationEmail(account, activation.link, name)));
}
