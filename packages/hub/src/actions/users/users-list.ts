import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { duoUser, pageOf, pagingInput } from '../schemas/common.js';

/** Lists users a page at a time. */
export const usersList = defineAction({
  id: 'users.list',
  title: 'List users',
  description: 'Lists the Duo account\'s users, up to `limit` per run; continue with `next_offset`.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...pagingInput }),
  output: pageOf(duoUser),
  run: (ctx, input) => listPage(ctx.admin(), '/admin/v1/users', {}, { ...input, pageSize: 300 }),
});
