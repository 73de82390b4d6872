import { bypassCodesGet as bypassCodesGetEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoBypassCodeMeta, duoId } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Reads one bypass code's metadata. */
export const bypassCodesGet = defineAction({
  id: 'bypass_codes.get',
  title: 'Get bypass code',
  description: "Reads one bypass code's metadata by id (not the code).",
  api: 'admin',
  resource: 'bypass_codes',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...zodFromEndpointParams(bypassCodesGetEndpoint), bypass_code_id: duoId('bypass code') }),
  output: duoBypassCodeMeta,
  run: async (ctx, { bypass_code_id }) =>
    (await ctx.admin().request('GET', `/admin/v1/bypass_codes/${seg(bypass_code_id)}`)).response as never,
});
