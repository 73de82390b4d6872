import { usersGet as usersGetEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoUser } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Reads one user by id, username, alias or email. */
export const usersGet = defineAction({
  id: 'users.get',
  title: 'Get user',
  description: 'Reads one user, with phones, tokens and groups, named by Duo user id, username, alias or email.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...zodFromEndpointParams(usersGetEndpoint), ...userRefInput }).refine(oneUserRef, oneUserRefIssue),
  output: duoUser,
  run: async (ctx, input) => {
    const { user_id } = await resolveUserRef(ctx.admin(), input);
    return (await ctx.admin().request('GET', `/admin/v1/users/${seg(user_id)}`)).response as never;
  },
});
