import { z } from 'zod';
import { oneUserRef, resolveUserRef, USER_REF_FIELDS, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { oneTokenRef, resolveTokenRef, tokenRefInput } from './resolve-token-ref.js';

/** Both references at once: one user and one token, each named exactly once. */
export const userAndTokenRef = z
  .strictObject({ ...userRefInput, ...tokenRefInput })
  .refine((v) => oneUserRef(v), { message: `give exactly one of ${USER_REF_FIELDS.join(', ')}`, path: ['user_id'] })
  .refine((v) => oneTokenRef(v), { message: 'give exactly one of token_id or serial (type only with serial)', path: ['token_id'] });

/** Assigns a hardware token to a user. */
export const hardwareTokensAssign = defineAction({
  id: 'hardware_tokens.assign',
  title: 'Assign hardware token to user',
  description: 'Associates a hardware token (by token_id or serial) with a user (by id, username, alias or email). Assigning twice changes nothing.',
  api: 'admin',
  resource: 'hardware_tokens',
  endpoints: ['users.tokens.associate'],
  idempotent: true,
  input: userAndTokenRef,
  output: z.object({ assigned: z.literal(true), user_id: z.string(), token_id: z.string() }),
  run: async (ctx, input) => {
    const admin = ctx.admin();
    const [{ user_id }, token_id] = await Promise.all([resolveUserRef(admin, input), resolveTokenRef(admin, input)]);
    await admin.tokens.associate(user_id, token_id, { signal: ctx.signal });
    return { assigned: true as const, user_id, token_id };
  },
});
