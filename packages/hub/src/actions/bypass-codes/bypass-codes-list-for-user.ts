import { usersBypassCodesList } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { duoBypassCodeMeta, pageOf, pagingInput } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from './resolve-user-ref.js';

/** Lists one user's bypass codes' metadata, a page at a time. */
export const bypassCodesListForUser = defineAction({
  id: 'bypass_codes.list_for_user',
  title: "List a user's bypass codes",
  description: "Lists one user's bypass codes by user id, username, alias or email, a page at a time (metadata only).",
  api: 'admin',
  resource: 'bypass_codes',
  endpoints: ['users.bypass_codes.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...zodFromEndpointParams(usersBypassCodesList), ...userRefInput, ...pagingInput }).refine(oneUserRef, oneUserRefIssue),
  output: pageOf(duoBypassCodeMeta),
  run: async (ctx, { limit, offset, ...ref }) => {
    const { user_id } = await resolveUserRef(ctx.admin(), ref);
    return listPage(ctx.admin(), `/admin/v1/users/${seg(user_id)}/bypass_codes`, {}, { limit, offset, pageSize: usersBypassCodesList.paging.maxLimit });
  },
});
