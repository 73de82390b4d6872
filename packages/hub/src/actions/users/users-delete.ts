import { usersDelete as usersDeleteEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Deletes a user permanently. */
export const usersDelete = defineAction({
  id: 'users.delete',
  title: 'Delete user',
  description:
    'Deletes a user (by id, username, alias or email) permanently (their phones stay). A dry run reads the user and deletes nothing.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ ...zodFromEndpointParams(usersDeleteEndpoint), ...userRefInput }).refine(oneUserRef, oneUserRefIssue),
  output: withDryRun(z.object({ deleted: z.literal(true), user_id: z.string() })),
  run: async (ctx, input) => {
    const { user_id } = await resolveUserRef(ctx.admin(), input);
    const path = `/admin/v1/users/${seg(user_id)}`;
    if (ctx.dryRun) {
      const user = (await ctx.admin().request('GET', path)).response as { username?: string };
      return dryRun(user, `would delete user ${user.username ?? user_id} permanently`);
    }
    await ctx.admin().request('DELETE', path);
    return { deleted: true as const, user_id };
  },
});
