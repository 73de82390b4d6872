import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { identityVerificationOutput } from './identity-verification-output.js';

/** Reads the status of a user's latest identity verification. */
export const identityVerificationStatus = defineAction({
  id: 'identity_verification.status',
  title: 'Identity verification status',
  description: "Reads the status of the user's latest identity verification: pending, completed, failed, expired or canceled.",
  api: 'admin',
  resource: 'identity_verification',
  idempotent: true,
  readOnly: true,
  input: z.strictObject(userRefInput).refine(oneUserRef, oneUserRefIssue),
  output: identityVerificationOutput,
  run: async (ctx, input) => {
    const admin = ctx.admin();
    const { user_id } = await resolveUserRef(admin, input);
    return (await admin.verification.identityStatus(user_id, { signal: ctx.signal })) as never;
  },
});
