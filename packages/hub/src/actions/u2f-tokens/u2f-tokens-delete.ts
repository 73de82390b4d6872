import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { registrationId } from './u2f-tokens-get.js';

/** Deletes a U2F registration. */
export const u2fTokensDelete = defineAction({
  id: 'legacy_security_keys.delete',
  title: 'Delete U2F token (deprecated)',
  description: 'Deletes a U2F registration; its user can no longer sign in with that key. A dry run reads the registration and deletes nothing.',
  api: 'admin',
  resource: 'legacy_security_keys',
  endpoints: ['u2ftokens.delete'],
  idempotent: true,
  destructive: true,
  input: z.strictObject({ registration_id: registrationId }),
  output: withDryRun(z.object({ deleted: z.literal(true), registration_id: z.string() })),
  run: async (ctx, { registration_id }) => {
    const admin = ctx.admin();
    if (ctx.dryRun) {
      const u2f = await admin.u2fTokens.get(registration_id, { signal: ctx.signal });
      const owner = (u2f.user as { username?: string } | null | undefined)?.username ?? 'no user';
      return dryRun(u2f, `would delete U2F registration ${registration_id} of ${owner}`);
    }
    await admin.u2fTokens.delete(registration_id, { signal: ctx.signal });
    return { deleted: true as const, registration_id };
  },
});
