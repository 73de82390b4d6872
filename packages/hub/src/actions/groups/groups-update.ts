import type { DuoGroupUpdateParams } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { groupDiff } from './group-diff.js';
import { duoGroup, groupFields } from './group-schemas.js';
import { groupRefInput, oneGroupRef, oneGroupRefIssue, resolveGroupRef } from './resolve-group-ref.js';

/** Changes a group's name, description or status. */
export const groupsUpdate = defineAction({
  id: 'groups.update',
  title: 'Update group',
  description:
    "Changes the given fields of a group named by group_id or group_name (`name` renames it). A status of bypass or disabled changes how every member authenticates. A dry run shows each field's change and writes nothing.",
  api: 'admin',
  resource: 'groups',
  idempotent: true,
  destructive: true,
  input: z
    .strictObject({ ...groupRefInput, name: groupFields.name.optional().describe('New name'), desc: groupFields.desc, status: groupFields.status })
    .refine(oneGroupRef, oneGroupRefIssue)
    .refine((v) => v.name !== undefined || v.desc !== undefined || v.status !== undefined, {
      message: 'give at least one of name, desc or status',
      path: ['name'],
    }),
  output: withDryRun(duoGroup),
  run: async (ctx, { group_id, group_name, ...fields }) => {
    const group = await resolveGroupRef(ctx.admin(), { group_id, group_name });
    if (ctx.dryRun) {
      const diff = groupDiff(group, fields);
      const n = Object.keys(diff).length;
      return dryRun(group, n === 0 ? `would change nothing on group ${group.name}` : `would change ${n} field(s) of group ${group.name}`, diff);
    }
    return (await ctx.admin().groups.update(group.group_id, fields as DuoGroupUpdateParams)) as never;
  },
});
