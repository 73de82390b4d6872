import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoU2fToken } from '../hardware-tokens/hardware-token-schema.js';

/** Duo's registration ids are opaque strings; bounded so a path segment stays sane. */
export const registrationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Duo U2F registration id').describe('U2F registration id');

/** Reads one U2F registration. */
export const u2fTokensGet = defineAction({
  id: 'legacy_security_keys.get',
  title: 'Get U2F token (deprecated)',
  description: 'Reads one U2F registration and its user (Duo deprecated U2F in favour of WebAuthn).',
  api: 'admin',
  resource: 'legacy_security_keys',
  endpoints: ['u2ftokens.get'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ registration_id: registrationId }),
  output: duoU2fToken,
  run: async (ctx, { registration_id }) => (await ctx.admin().u2fTokens.get(registration_id, { signal: ctx.signal })) as never,
});
