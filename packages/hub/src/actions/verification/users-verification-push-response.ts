import { VERIFICATION_PUSH_RESULTS } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';

/** Reads a user's answer to a verification push. */
export const usersVerificationPushResponse = defineAction({
  id: 'users.verification_push_response',
  title: 'Read a verification push answer',
  description: 'Reads the answer to a verification push sent earlier: waiting, approve, deny, fraud or timeout.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...userRefInput, push_id: z.string().min(1).max(128).describe('From users.send_verification_push') }).refine(oneUserRef, oneUserRefIssue),
  output: z.object({ user_id: z.string(), push_id: z.string(), result: z.enum(VERIFICATION_PUSH_RESULTS) }),
  run: async (ctx, input) => {
    const admin = ctx.admin();
    const { user_id } = await resolveUserRef(admin, input);
    const answer = await admin.verification.pushResponse(user_id, input.push_id, { signal: ctx.signal });
    return { user_id, push_id: answer.push_id, result: answer.result };
  },
});
