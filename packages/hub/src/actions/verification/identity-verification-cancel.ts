import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { identityVerificationOutput } from './identity-verification-output.js';

/** Cancels a user's identity verification. */
export const identityVerificationCancel = defineAction({
  id: 'identity_verification.cancel',
  title: 'Cancel identity verification',
  description: "Cancels one of the user's identity verifications; an inquiry that already ended keeps its status. A dry run reads the latest inquiry's status.",
  api: 'admin',
  resource: 'identity_verification',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ ...userRefInput, inquiry_id: z.string().min(1).max(128).describe('From identity_verification.start') }).refine(oneUserRef, oneUserRefIssue),
  output: withDryRun(identityVerificationOutput),
  run: async (ctx, input) => {
    const admin = ctx.admin();
    const { user_id } = await resolveUserRef(admin, input);
    if (ctx.dryRun) {
      const latest = await admin.verification.identityStatus(user_id, { signal: ctx.signal });
      return dryRun(latest, `would cancel inquiry ${input.inquiry_id} of user ${user_id} (latest inquiry: ${latest.inquiry_id}, ${latest.status})`);
    }
    return (await admin.verification.cancelIdentity(user_id, input.inquiry_id, { signal: ctx.signal })) as never;
  },
});
