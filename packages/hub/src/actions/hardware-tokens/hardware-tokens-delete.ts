import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { withoutTokenSecrets } from './hardware-token-schema.js';
import { oneTokenRef, oneTokenRefIssue, resolveTokenRef, tokenRefInput } from './resolve-token-ref.js';

/** Deletes a hardware token, detaching it from its users. */
export const hardwareTokensDelete = defineAction({
  id: 'hardware_tokens.delete',
  title: 'Delete hardware token',
  description: 'Deletes a hardware token (by token_id or serial) and detaches it from its users. A dry run reads the token and deletes nothing.',
  api: 'admin',
  resource: 'hardware_tokens',
  endpoints: ['tokens.delete'],
  idempotent: true,
  destructive: true,
  input: z.strictObject(tokenRefInput).refine(oneTokenRef, oneTokenRefIssue),
  output: withDryRun(z.object({ deleted: z.literal(true), token_id: z.string() })),
  run: async (ctx, ref) => {
    const admin = ctx.admin();
    const token_id = await resolveTokenRef(admin, ref);
    if (ctx.dryRun) {
      const token = await admin.tokens.get(token_id, { signal: ctx.signal });
      const users = Array.isArray(token.users) ? token.users.length : 0;
      return dryRun(withoutTokenSecrets(token), `would delete ${token.type} token ${token.serial} (used by ${users} user(s))`);
    }
    await admin.tokens.delete(token_id, { signal: ctx.signal });
    return { deleted: true as const, token_id };
  },
});
