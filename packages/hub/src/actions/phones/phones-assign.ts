import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoId } from '../schemas/common.js';

/** Assigns a phone to a user. */
export const phonesAssign = defineAction({
  id: 'phones.assign',
  title: 'Assign phone to user',
  description: 'Associates an existing phone with a user (a phone may serve several users).',
  api: 'admin',
  resource: 'phones',
  idempotent: true,
  input: z.strictObject({ user_id: duoId('user'), phone_id: duoId('phone') }),
  output: z.object({ assigned: z.literal(true), user_id: z.string(), phone_id: z.string() }),
  run: async (ctx, { user_id, phone_id }) => {
    await ctx.admin().request('POST', `/admin/v1/users/${seg(user_id)}/phones`, { phone_id }, { idempotent: true });
    return { assigned: true as const, user_id, phone_id };
  },
});
