import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoId, duoUser } from '../schemas/common.js';

/** Reads one user by id. */
export const usersGet = defineAction({
  id: 'users.get',
  title: 'Get user',
  description: 'Reads one user by Duo user id, with phones, tokens and groups.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ user_id: duoId('user') }),
  output: duoUser,
  run: async (ctx, { user_id }) => (await ctx.admin().request('GET', `/admin/v1/users/${seg(user_id)}`)).response as never,
});
