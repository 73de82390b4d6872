import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { identityVerificationOutput } from './identity-verification-output.js';

/** Starts an identity verification for a user. */
export const identityVerificationStart = defineAction({
  id: 'identity_verification.start',
  title: 'Start identity verification',
  description: 'Starts an identity verification (a government ID check through Persona) for the user; each run opens a new inquiry.',
  api: 'admin',
  resource: 'identity_verification',
  idempotent: false,
  input: z.strictObject(userRefInput).refine(oneUserRef, oneUserRefIssue),
  output: identityVerificationOutput,
  run: async (ctx, input) => {
    const admin = ctx.admin();
    const { user_id } = await resolveUserRef(admin, input);
    return (await admin.verification.startIdentity(user_id, { signal: ctx.signal })) as never;
  },
});
