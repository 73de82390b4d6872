import { infoAuthenticationAttempts as infoAuthenticationAttemptsEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

const MAX_SPAN_SEC = 180 * 86_400;
// Duo documents the 180-day span; the upper bound (2100-01-01) is the hub's, catching milliseconds.
const unixSeconds = z.number().int().min(0).max(4_102_444_800);

/** Counts authentication attempts by result over a window. */
export const infoAuthenticationAttempts = defineAction({
  id: 'info.authentication_attempts',
  title: 'Authentication attempts',
  description:
    'Counts authentication attempts by result (SUCCESS, FAILURE, FRAUD, ERROR) between mintime and maxtime (Unix seconds; Duo defaults to the last 30 days; at most 180 days).',
  api: 'admin',
  resource: 'info',
  idempotent: true,
  readOnly: true,
  input: z
    .strictObject({ ...zodFromEndpointParams(infoAuthenticationAttemptsEndpoint), mintime: unixSeconds.optional(), maxtime: unixSeconds.optional() })
    .refine((v) => v.mintime === undefined || v.maxtime === undefined || v.mintime < v.maxtime, {
      message: 'must be before maxtime',
      path: ['mintime'],
    })
    .refine((v) => v.mintime === undefined || v.maxtime === undefined || v.maxtime - v.mintime <= MAX_SPAN_SEC, {
      message: 'the window may span at most 180 days',
      path: ['mintime'],
    }),
  output: z.looseObject({
    authentication_attempts: z.record(z.string(), z.number()),
    mintime: z.number().optional(),
    maxtime: z.number().optional(),
  }),
  run: async (ctx, input) => (await ctx.admin().request('GET', '/admin/v1/info/authentication_attempts', input)).response as never,
});
