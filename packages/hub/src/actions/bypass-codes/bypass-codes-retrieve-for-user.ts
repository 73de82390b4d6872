import { usersBypassCodesList } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { duoBypassCodeMeta } from '../schemas/common.js';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from './resolve-user-ref.js';

/** Duo holds at most 100 bypass codes per user, so one run reads them all. */
const PER_USER_MAX = 100;

/** Retrieves every bypass code (metadata) of a user named by id, username, alias or email. */
export const bypassCodesRetrieveForUser = defineAction({
  id: 'bypass_codes.retrieve_for_user',
  title: "Retrieve a user's bypass codes",
  description:
    "Retrieves all of a user's bypass codes' metadata (Duo keeps at most 100 per user), naming the user by id, username, alias or email.",
  api: 'admin',
  resource: 'bypass_codes',
  endpoints: ['users.bypass_codes.list'],
  idempotent: true,
  readOnly: true,
  input: z
    .strictObject({ ...zodFromEndpointParams(usersBypassCodesList, { omit: ['limit', 'offset'] }), ...userRefInput })
    .refine(oneUserRef, oneUserRefIssue),
  output: z.object({ user_id: z.string(), items: z.array(duoBypassCodeMeta) }),
  run: async (ctx, input) => {
    const { user_id } = await resolveUserRef(ctx.admin(), input);
    const page = await listPage(ctx.admin(), `/admin/v1/users/${seg(user_id)}/bypass_codes`, {}, {
      limit: PER_USER_MAX,
      offset: 0,
      pageSize: usersBypassCodesList.paging.maxLimit,
    });
    return { user_id, items: page.items as never };
  },
});
