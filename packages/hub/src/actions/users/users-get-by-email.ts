import { usersList } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoUser } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Finds a user by email address. */
export const usersGetByEmail = defineAction({
  id: 'users.get_by_email',
  title: 'Get user by email',
  description: 'Finds the user with this email address; 404 when none matches, reference_ambiguous (with the candidates) when several do.',
  api: 'admin',
  resource: 'users',
  endpoints: ['users.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({
    ...zodFromEndpointParams(usersList, { omit: ['username', 'user_id_list', 'username_list', 'limit', 'offset'] }),
    email: z.email().describe('Email address'),
  }),
  output: duoUser,
  run: async (ctx, { email }) => (await ctx.admin().users.resolve({ email })) as never,
});
