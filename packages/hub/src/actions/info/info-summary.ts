import { infoSummary as infoSummaryEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Reads the account's summary counts. */
export const infoSummary = defineAction({
  id: 'info.summary',
  title: 'Account summary',
  description: 'Counts of users, admins, integrations and the telephony credits left.',
  api: 'admin',
  resource: 'info',
  idempotent: true,
  readOnly: true,
  input: z.strictObject(zodFromEndpointParams(infoSummaryEndpoint)),
  output: z.looseObject({
    admin_count: z.number().optional(),
    integration_count: z.number().optional(),
    telephony_credits_remaining: z.number().optional(),
    user_count: z.number().optional(),
    user_pending_deletion_count: z.number().optional(),
  }),
  run: async (ctx) => (await ctx.admin().request('GET', '/admin/v1/info/summary')).response as never,
});
