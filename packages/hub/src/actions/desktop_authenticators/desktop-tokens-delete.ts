import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { authenticatorKey } from '../webauthn_credentials/authenticator-schemas.js';

/** Deletes a legacy desktop token (deprecated by Duo). */
export const desktopTokensDelete = defineAction({
  id: 'desktop_tokens.delete',
  title: 'Delete desktop token (deprecated)',
  description: 'Deletes a legacy desktop token. A dry run reads it and deletes nothing.',
  api: 'admin',
  resource: 'desktop_tokens',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ desktoptoken_id: authenticatorKey('desktop token') }),
  output: withDryRun(z.object({ deleted: z.literal(true), desktoptoken_id: z.string() })),
  run: async (ctx, { desktoptoken_id }) => {
    const tokens = ctx.admin().desktopTokens;
    if (ctx.dryRun) {
      const token = await tokens.get(desktoptoken_id, { signal: ctx.signal });
      return dryRun(token, `would delete desktop token ${token.name || desktoptoken_id}`);
    }
    await tokens.delete(desktoptoken_id, { signal: ctx.signal });
    return { deleted: true as const, desktoptoken_id };
  },
});
