import { z } from 'zod';
import { HubError } from '../../errors/hub-error.js';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { groupRefInput, oneGroupRef, oneGroupRefIssue, resolveGroupRef } from './resolve-group-ref.js';

/** Removes a user from a group (both stay). */
export const groupsRemoveUser = defineAction({
  id: 'groups.remove_user',
  title: 'Remove user from group',
  description:
    "Removes a user (user_id or username) from a group (group_id or group_name); neither is deleted. A dry run checks the membership and changes nothing.",
  api: 'admin',
  resource: 'groups',
  endpoints: ['users.groups.disassociate'],
  idempotent: true,
  destructive: true,
  input: z
    .strictObject({ ...userRefInput, ...groupRefInput })
    .refine(oneUserRef, oneUserRefIssue)
    .refine(oneGroupRef, oneGroupRefIssue),
  output: withDryRun(z.object({ removed: z.literal(true), user_id: z.string(), group_id: z.string() })),
  run: async (ctx, input) => {
    const admin = ctx.admin();
    const user = await resolveUserRef(admin, input);
    const group = await resolveGroupRef(admin, input);
    if (ctx.dryRun) {
      const current = await admin.users.get(user.user_id);
      if (!(current.groups ?? []).some((g) => g.group_id === group.group_id)) {
        throw new HubError('not_found', { message: 'That user is not in that group.' });
      }
      return dryRun({ user: { user_id: user.user_id, username: current.username }, group }, `would remove ${current.username} from group ${group.name}`);
    }
    await admin.groups.removeUser(group.group_id, user.user_id);
    return { removed: true as const, user_id: user.user_id, group_id: group.group_id };
  },
});
