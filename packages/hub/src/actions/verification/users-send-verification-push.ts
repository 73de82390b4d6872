import { VERIFICATION_PUSH_RESULTS } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { duoId } from '../schemas/common.js';
import { pollVerificationPush } from './poll-verification-push.js';

/** Pushes a verification request to a user's phone and waits for the answer. */
export const usersSendVerificationPush = defineAction({
  id: 'users.send_verification_push',
  title: 'Send a verification push',
  description:
    "Pushes a verification request to one of the user's phones (once; never resent), then polls Duo for the answer for up to wait_seconds. A `waiting` result means the user has not answered yet: read it later with users.verification_push_response.",
  api: 'admin',
  resource: 'users',
  idempotent: false,
  input: z
    .strictObject({
      ...userRefInput,
      phone_id: duoId('phone'),
      wait_seconds: z.number().int().min(0).max(120).default(60).describe('How long to wait for the answer (0: do not wait)'),
    })
    .refine(oneUserRef, oneUserRefIssue),
  output: z.object({ user_id: z.string(), phone_id: z.string(), push_id: z.string(), result: z.enum(VERIFICATION_PUSH_RESULTS) }),
  run: async (ctx, input) => {
    const admin = ctx.admin();
    const { user_id } = await resolveUserRef(admin, input);
    const { push_id } = await admin.verification.sendPush(user_id, input.phone_id, { signal: ctx.signal });
    const answer = await pollVerificationPush(admin, user_id, push_id, input.wait_seconds * 1000, ctx.signal);
    return { user_id, phone_id: input.phone_id, push_id, result: answer.result };
  },
});
