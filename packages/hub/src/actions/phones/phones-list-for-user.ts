import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { duoId, duoPhone, pageOf, pagingInput } from '../schemas/common.js';

/** Lists one user's phones. */
export const phonesListForUser = defineAction({
  id: 'phones.list_for_user',
  title: "List a user's phones",
  description: 'Lists the phones assigned to one user.',
  api: 'admin',
  resource: 'phones',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ user_id: duoId('user'), ...pagingInput }),
  output: pageOf(duoPhone),
  run: (ctx, { user_id, limit, offset }) =>
    listPage(ctx.admin(), `/admin/v1/users/${seg(user_id)}/phones`, {}, { limit, offset, pageSize: 500 }),
});
