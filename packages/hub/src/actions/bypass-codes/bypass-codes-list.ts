import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { duoBypassCodeMeta, pageOf, pagingInput } from '../schemas/common.js';

/** Lists every bypass code's metadata, a page at a time. */
export const bypassCodesList = defineAction({
  id: 'bypass_codes.list',
  title: 'List bypass codes',
  description: "Lists the account's bypass codes (metadata only: Duo never shows a code after creating it).",
  api: 'admin',
  resource: 'bypass_codes',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...pagingInput }),
  output: pageOf(duoBypassCodeMeta),
  run: (ctx, input) => listPage(ctx.admin(), '/admin/v1/bypass_codes', {}, { ...input, pageSize: 500 }),
});
