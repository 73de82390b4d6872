import { usersUpdate as usersUpdateEndpoint, type DuoParams } from '@duohub/sdk';
import { z } from 'zod';
import { resolveUserRef, userReference } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoId, duoUser } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { userFields, username } from './user-fields.js';

/** Changes a user's fields. */
export const usersUpdate = defineAction({
  id: 'users.update',
  title: 'Update user',
  description:
    'Changes the given fields of a user (username included); other fields stay as they are. Name the user by `user_id` or `user` (id, username, alias or email): `username` and `email` here are new values.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  input: z
    .strictObject({
      ...zodFromEndpointParams(usersUpdateEndpoint),
      user_id: duoId('user').optional(),
      user: userReference,
      username: username.optional().describe('New username'),
      ...userFields,
    })
    .refine((v) => (v.user_id === undefined) !== (v.user === undefined), { message: 'give exactly one of user_id or user', path: ['user_id'] })
    .refine((v) => Object.keys(v).length > 1, { message: 'give at least one field to change', path: ['user_id'] }),
  output: duoUser,
  run: async (ctx, { user_id: id, user, ...fields }) => {
    const { user_id } = await resolveUserRef(ctx.admin(), { user_id: id, user });
    return (await ctx.admin().request('POST', `/admin/v1/users/${seg(user_id)}`, fields as DuoParams, { idempotent: true })).response as never;
  },
});
