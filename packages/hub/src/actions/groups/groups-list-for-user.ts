import { usersGroupsList } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput } from '../schemas/common.js';
import { duoGroup } from './group-schemas.js';

/** Lists the groups one user belongs to. */
export const groupsListForUser = defineAction({
  id: 'groups.list_for_user',
  title: "List a user's groups",
  description: 'Lists the groups of one user, named by user_id or username.',
  api: 'admin',
  resource: 'groups',
  endpoints: ['users.groups.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...userRefInput, ...pagingInput }).refine(oneUserRef, oneUserRefIssue),
  output: pageOf(duoGroup),
  run: async (ctx, { limit, offset, ...ref }) => {
    const { user_id } = await resolveUserRef(ctx.admin(), ref);
    const path = usersGroupsList.path.replace('{user_id}', seg(user_id));
    return listPage(ctx.admin(), path, {}, { limit, offset, pageSize: usersGroupsList.paging.maxLimit });
  },
});
