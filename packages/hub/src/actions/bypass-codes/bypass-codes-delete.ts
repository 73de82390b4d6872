import { bypassCodesDelete as bypassCodesDeleteEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { dryRun, duoId, withDryRun } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Deletes one bypass code. */
export const bypassCodesDelete = defineAction({
  id: 'bypass_codes.delete',
  title: 'Delete bypass code',
  description: 'Deletes one bypass code. A dry run reads its metadata and deletes nothing.',
  api: 'admin',
  resource: 'bypass_codes',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ ...zodFromEndpointParams(bypassCodesDeleteEndpoint), bypass_code_id: duoId('bypass code') }),
  output: withDryRun(z.object({ deleted: z.literal(true), bypass_code_id: z.string() })),
  run: async (ctx, { bypass_code_id }) => {
    const path = `/admin/v1/bypass_codes/${seg(bypass_code_id)}`;
    if (ctx.dryRun) {
      const meta = (await ctx.admin().request('GET', path)).response as { user?: { username?: string } };
      return dryRun(meta, `would delete bypass code ${bypass_code_id} of ${meta.user?.username ?? 'its user'}`);
    }
    await ctx.admin().request('DELETE', path);
    return { deleted: true as const, bypass_code_id };
  },
});
