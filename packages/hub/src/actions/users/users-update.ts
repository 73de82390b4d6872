import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoId, duoUser } from '../schemas/common.js';
import { userFields, username } from './user-fields.js';

/** Changes a user's fields. */
export const usersUpdate = defineAction({
  id: 'users.update',
  title: 'Update user',
  description: 'Changes the given fields of a user (username included); other fields stay as they are.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  input: z
    .strictObject({ user_id: duoId('user'), username: username.optional(), ...userFields })
    .refine((v) => Object.keys(v).length > 1, { message: 'give at least one field to change', path: ['user_id'] }),
  output: duoUser,
  run: async (ctx, { user_id, ...fields }) =>
    (await ctx.admin().request('POST', `/admin/v1/users/${seg(user_id)}`, fields, { idempotent: true })).response as never,
});
