import { bypassCodesList as bypassCodesListEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { duoBypassCodeMeta, pageOf, pagingInput } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Lists every bypass code's metadata, a page at a time. */
export const bypassCodesList = defineAction({
  id: 'bypass_codes.list',
  title: 'List bypass codes',
  description: "Lists the account's bypass codes (metadata only: Duo never shows a code after creating it).",
  api: 'admin',
  resource: 'bypass_codes',
  idempotent: true,
  readOnly: true,
  // `limit` counts the items of a run, walked in Duo pages of the declared maximum.
  input: z.strictObject({ ...zodFromEndpointParams(bypassCodesListEndpoint), ...pagingInput }),
  output: pageOf(duoBypassCodeMeta),
  run: (ctx, input) => listPage(ctx.admin(), '/admin/v1/bypass_codes', {}, { ...input, pageSize: bypassCodesListEndpoint.paging.maxLimit }),
});
