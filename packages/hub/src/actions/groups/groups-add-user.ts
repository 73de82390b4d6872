import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { groupRefInput, oneGroupRef, oneGroupRefIssue, resolveGroupRef } from './resolve-group-ref.js';

/** Adds a user to a group. */
export const groupsAddUser = defineAction({
  id: 'groups.add_user',
  title: 'Add user to group',
  description:
    "Adds a user (user_id or username) to a group (group_id or group_name). Marked destructive because a group's status applies to its members: joining a bypass group skips MFA, a disabled one blocks sign-in. A dry run says what would change.",
  api: 'admin',
  resource: 'groups',
  endpoints: ['users.groups.associate'],
  idempotent: true,
  destructive: true,
  input: z
    .strictObject({ ...userRefInput, ...groupRefInput })
    .refine(oneUserRef, oneUserRefIssue)
    .refine(oneGroupRef, oneGroupRefIssue),
  output: withDryRun(z.object({ added: z.literal(true), user_id: z.string(), group_id: z.string() })),
  run: async (ctx, input) => {
    const admin = ctx.admin();
    const user = await resolveUserRef(admin, input);
    const group = await resolveGroupRef(admin, input);
    if (ctx.dryRun) {
      const current = await admin.users.get(user.user_id);
      const already = (current.groups ?? []).some((g) => g.group_id === group.group_id);
      const who = user.username ?? current.username;
      const changes = already
        ? `would change nothing: ${who} is already in group ${group.name}`
        : `would add ${who} to group ${group.name} (status ${group.status ?? 'active'})`;
      return dryRun({ user: { user_id: user.user_id, username: who }, group }, changes);
    }
    await admin.groups.addUser(group.group_id, user.user_id);
    return { added: true as const, user_id: user.user_id, group_id: group.group_id };
  },
});
