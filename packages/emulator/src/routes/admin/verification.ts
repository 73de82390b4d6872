import {
  identityVerificationCancel,
  identityVerificationStart,
  identityVerificationStatus,
  usersSendVerificationPush,
  usersVerificationPushResponse,
} from '@duohub/sdk';
import { DEFAULT_PUSH } from '../../auth/auth-tuning.js';
import { fail, failures, ok } from '../../duo-result.js';
import { reject, requireString } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { newTxid } from '../../state/ids.js';
import {
  identityVerificationStatus as statusAt,
  verificationPushResult,
  type IdentityVerification,
} from '../../state/verification-records.js';
import type { Account } from '../../state/types.js';
import { userOr404 } from './user-fields.js';

/**
 * The Admin API's verification push and identity verification. Both follow the user's
 * `push_script` (outcome after `afterMs`; without one, approved after 50 ms), as Auth API pushes do.
 */
export const verificationRoutes: Route[] = [
  defineRoute({ endpoint: usersSendVerificationPush, nonIdempotent: 'users.send_verification_push', handle: sendPush }),
  defineRoute({ endpoint: usersVerificationPushResponse, handle: pushResponse }),
  defineRoute({ endpoint: identityVerificationStart, nonIdempotent: 'identity_verification.start', handle: startIdv }),
  defineRoute({ endpoint: identityVerificationCancel, handle: cancelIdv }),
  defineRoute({ endpoint: identityVerificationStatus, handle: idvStatus }),
];

function sendPush(ctx: HandlerContext) {
  const { account } = ctx;
  const user = userOr404(account, ctx.path['user_id']);
  const phoneId = requireString(ctx.params, 'phone_id');
  const phone = account.phones[phoneId];
  if (!phone || !user.phone_ids.includes(phoneId)) reject(failures.invalidParam('phone_id'));
  // A push needs Duo Mobile activated on that phone, as an Auth API push does.
  if (!phone.activated || !phone.capabilities.includes('push')) {
    reject(fail(400, 40002, 'Invalid request parameters', 'phone_id: no push-capable device'));
  }
  const script = user.push_script ?? DEFAULT_PUSH;
  const pushes = (account.verification_pushes ??= {});
  let pushId = newTxid(ctx.random);
  while (pushes[pushId]) pushId = newTxid(ctx.random);
  const now = ctx.now();
  pushes[pushId] = { push_id: pushId, user_id: user.user_id, phone_id: phoneId, sent_at_ms: now, resolve_at_ms: now + script.afterMs, outcome: script.outcome };
  ctx.recordExecution('users.send_verification_push', { user_id: user.user_id, phone_id: phoneId, push_id: pushId });
  return ok({ push_id: pushId });
}

function pushResponse(ctx: HandlerContext) {
  const user = userOr404(ctx.account, ctx.path['user_id']);
  const pushId = requireString(ctx.params, 'push_id');
  const push = ctx.account.verification_pushes?.[pushId];
  if (!push || push.user_id !== user.user_id) reject(failures.notFound('push_id'));
  return ok({ push_id: push.push_id, result: verificationPushResult(push, ctx.now()) });
}

function startIdv(ctx: HandlerContext) {
  const { account } = ctx;
  const user = userOr404(account, ctx.path['user_id']);
  const script = user.push_script ?? DEFAULT_PUSH;
  const inquiries = (account.identity_verifications ??= {});
  let inquiryId = newInquiryId(ctx.random);
  while (inquiries[inquiryId]) inquiryId = newInquiryId(ctx.random);
  const now = ctx.now();
  const iv: IdentityVerification = { inquiry_id: inquiryId, user_id: user.user_id, created_ms: now, resolve_at_ms: now + script.afterMs, outcome: script.outcome };
  inquiries[inquiryId] = iv;
  ctx.recordExecution('identity_verification.start', { user_id: user.user_id, inquiry_id: inquiryId });
  return ok(render(iv, now));
}

function idvStatus(ctx: HandlerContext) {
  const user = userOr404(ctx.account, ctx.path['user_id']);
  const latest = inquiriesOf(ctx.account, user.user_id).at(-1);
  if (!latest) reject(failures.notFound('inquiry_id'));
  return ok(render(latest, ctx.now()));
}

// Cancelling an inquiry that already ended changes nothing and answers its final status.
function cancelIdv(ctx: HandlerContext) {
  const user = userOr404(ctx.account, ctx.path['user_id']);
  const inquiryId = requireString(ctx.params, 'inquiry_id');
  const iv = ctx.account.identity_verifications?.[inquiryId];
  if (!iv || iv.user_id !== user.user_id) reject(failures.notFound('inquiry_id'));
  const now = ctx.now();
  if (iv.canceled_at_ms === undefined && statusAt(iv, now) === 'pending') iv.canceled_at_ms = now;
  return ok(render(iv, now));
}

function inquiriesOf(account: Account, userId: string): IdentityVerification[] {
  return Object.values(account.identity_verifications ?? {})
    .filter((iv) => iv.user_id === userId)
    .sort((a, b) => a.created_ms - b.created_ms);
}

function render(iv: IdentityVerification, nowMs: number) {
  return { inquiry_id: iv.inquiry_id, user_id: iv.user_id, status: statusAt(iv, nowMs), created: Math.floor(iv.created_ms / 1000) };
}

// Persona's inquiry ids: `inq_` and 24 alphanumerics.
function newInquiryId(random: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = 'inq_';
  for (let i = 0; i < 24; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}
