import { usersList } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoUser } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { username } from './user-fields.js';

/** Finds a user by username (Duo matches aliases too). */
export const usersGetByUsername = defineAction({
  id: 'users.get_by_username',
  title: 'Get user by username',
  description: 'Finds one user by username or alias; 404 when none matches.',
  api: 'admin',
  resource: 'users',
  endpoints: ['users.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({
    ...zodFromEndpointParams(usersList, { omit: ['email', 'user_id_list', 'username_list', 'limit', 'offset'] }),
    username: username.describe('Duo username or alias'),
  }),
  output: duoUser,
  run: async (ctx, input) => (await ctx.admin().users.resolve({ username: input.username })) as never,
});
