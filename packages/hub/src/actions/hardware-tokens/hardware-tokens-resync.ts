import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { oneTokenRef, oneTokenRefIssue, resolveTokenRef, tokenRefInput } from './resolve-token-ref.js';

const code = z.string().regex(/^[0-9]{6,8}$/, 'must be the 6 or 8 digits the token shows');

/** Resynchronizes a HOTP hardware token from three consecutive codes. */
export const hardwareTokensResync = defineAction({
  id: 'hardware_tokens.resync',
  title: 'Resync hardware token',
  description:
    'Resynchronizes a HOTP hardware token: press it three times and give the codes in order. Overwrites where Duo expects the token to be; a dry run reads the token and changes nothing. The codes are never logged.',
  api: 'admin',
  resource: 'hardware_tokens',
  endpoints: ['tokens.resync'],
  // The codes are spent once Duo accepts them: a resend would fail, so it is never retried.
  idempotent: false,
  destructive: true,
  input: z.strictObject({ ...tokenRefInput, code1: code, code2: code, code3: code }).refine(oneTokenRef, oneTokenRefIssue),
  output: withDryRun(z.object({ resynced: z.literal(true), token_id: z.string() })),
  run: async (ctx, { code1, code2, code3, ...ref }) => {
    const admin = ctx.admin();
    const token_id = await resolveTokenRef(admin, ref);
    if (ctx.dryRun) {
      const token = await admin.tokens.get(token_id, { signal: ctx.signal });
      return dryRun({ token_id, type: token.type, serial: token.serial }, `would resync ${token.type} token ${token.serial} from three codes`);
    }
    await admin.tokens.resync(token_id, { code1, code2, code3 }, { signal: ctx.signal });
    return { resynced: true as const, token_id };
  },
});
