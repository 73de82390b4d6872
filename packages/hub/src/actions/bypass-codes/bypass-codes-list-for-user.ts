import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { duoBypassCodeMeta, duoId, pageOf, pagingInput } from '../schemas/common.js';

/** Lists one user's bypass codes' metadata, a page at a time. */
export const bypassCodesListForUser = defineAction({
  id: 'bypass_codes.list_for_user',
  title: "List a user's bypass codes",
  description: "Lists one user's bypass codes by user id, a page at a time (metadata only).",
  api: 'admin',
  resource: 'bypass_codes',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ user_id: duoId('user'), ...pagingInput }),
  output: pageOf(duoBypassCodeMeta),
  run: (ctx, { user_id, limit, offset }) =>
    listPage(ctx.admin(), `/admin/v1/users/${seg(user_id)}/bypass_codes`, {}, { limit, offset, pageSize: 500 }),
});
