import { usersPhonesList } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { duoPhone, pageOf, pagingInput } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Lists one user's phones. */
export const phonesListForUser = defineAction({
  id: 'phones.list_for_user',
  title: "List a user's phones",
  description: 'Lists the phones assigned to one user (by id, username, alias or email).',
  api: 'admin',
  resource: 'phones',
  endpoints: ['users.phones.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...zodFromEndpointParams(usersPhonesList), ...userRefInput, ...pagingInput }).refine(oneUserRef, oneUserRefIssue),
  output: pageOf(duoPhone),
  run: async (ctx, { limit, offset, ...ref }) => {
    const { user_id } = await resolveUserRef(ctx.admin(), ref);
    return listPage(ctx.admin(), `/admin/v1/users/${seg(user_id)}/phones`, {}, { limit, offset, pageSize: usersPhonesList.paging.maxLimit });
  },
});
