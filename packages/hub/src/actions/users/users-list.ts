import { usersList as usersListEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { duoUser, pageOf, pagingInput } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Lists users a page at a time. */
export const usersList = defineAction({
  id: 'users.list',
  title: 'List users',
  description: 'Lists the Duo account\'s users, up to `limit` per run; continue with `next_offset`.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  readOnly: true,
  // The lookups by username and email are their own actions; `limit` here counts the items of a
  // run (walked in Duo pages of the declared maximum), not Duo's page size.
  input: z.strictObject({
    ...zodFromEndpointParams(usersListEndpoint, { omit: ['username', 'email', 'user_id_list', 'username_list'] }),
    ...pagingInput,
  }),
  output: pageOf(duoUser),
  run: (ctx, input) => listPage(ctx.admin(), '/admin/v1/users', {}, { ...input, pageSize: usersListEndpoint.paging.maxLimit }),
});
