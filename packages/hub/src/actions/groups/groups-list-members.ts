import { groupsUsersList } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput } from '../schemas/common.js';
import { duoGroupMember } from './group-schemas.js';
import { groupRefInput, oneGroupRef, oneGroupRefIssue, resolveGroupRef } from './resolve-group-ref.js';

/** Lists the members of one group. */
export const groupsListMembers = defineAction({
  id: 'groups.list_members',
  title: "List a group's members",
  description: 'Lists the users (user_id, username) in a group named by group_id or group_name; continue with `next_offset`.',
  api: 'admin',
  resource: 'groups',
  endpoints: ['groups.users.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...groupRefInput, ...pagingInput }).refine(oneGroupRef, oneGroupRefIssue),
  output: pageOf(duoGroupMember),
  run: async (ctx, { limit, offset, ...ref }) => {
    // An id is passed straight to Duo, whose 404 names it; only a name needs the lookup.
    const groupId = ref.group_id ?? (await resolveGroupRef(ctx.admin(), ref)).group_id;
    const path = groupsUsersList.path.replace('{group_id}', seg(groupId));
    return listPage(ctx.admin(), path, {}, { limit, offset, pageSize: groupsUsersList.paging.maxLimit });
  },
});
