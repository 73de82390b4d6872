import { groupsUsersList } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { groupRefInput, oneGroupRef, oneGroupRefIssue, resolveGroupRef } from './resolve-group-ref.js';

/** Deletes a group and its memberships. */
export const groupsDelete = defineAction({
  id: 'groups.delete',
  title: 'Delete group',
  description:
    'Deletes a group named by group_id or group_name; its members stay but leave the group. A dry run reads the group and its member count and deletes nothing.',
  api: 'admin',
  resource: 'groups',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ ...groupRefInput }).refine(oneGroupRef, oneGroupRefIssue),
  output: withDryRun(z.object({ deleted: z.literal(true), group_id: z.string() })),
  run: async (ctx, ref) => {
    if (ctx.dryRun) {
      const group = await resolveGroupRef(ctx.admin(), ref);
      const path = groupsUsersList.path.replace('{group_id}', seg(group.group_id));
      // One member is enough: Duo's total_objects says how many memberships would go.
      const first = await ctx.admin().request('GET', path, { limit: 1, offset: 0 });
      const members = typeof first.metadata?.['total_objects'] === 'number' ? first.metadata['total_objects'] : 0;
      return dryRun(group, `would delete group ${group.name} and remove its ${members} membership(s)`);
    }
    // By id Duo answers 200 for a group already gone, as deletes are idempotent; a name must resolve.
    const groupId = ref.group_id ?? (await resolveGroupRef(ctx.admin(), ref)).group_id;
    await ctx.admin().groups.delete(groupId);
    return { deleted: true as const, group_id: groupId };
  },
});
