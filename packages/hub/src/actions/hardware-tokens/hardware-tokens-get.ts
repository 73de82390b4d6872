import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoHardwareToken, withoutTokenSecrets } from './hardware-token-schema.js';
import { oneTokenRef, oneTokenRefIssue, resolveTokenRef, tokenRefInput } from './resolve-token-ref.js';

/** Reads one hardware token by id or serial. */
export const hardwareTokensGet = defineAction({
  id: 'hardware_tokens.get',
  title: 'Get hardware token',
  description: 'Reads one hardware token and its users, by token_id or by serial (with type when two types share a serial).',
  api: 'admin',
  resource: 'hardware_tokens',
  endpoints: ['tokens.get'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject(tokenRefInput).refine(oneTokenRef, oneTokenRefIssue),
  output: duoHardwareToken,
  run: async (ctx, input) => withoutTokenSecrets(await ctx.admin().tokens.get(await resolveTokenRef(ctx.admin(), input), { signal: ctx.signal })) as never,
});
