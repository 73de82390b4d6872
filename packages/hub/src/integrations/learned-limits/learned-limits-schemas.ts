import { z } from '@hono/zod-openapi';
import { ENDPOINT_CLASSES } from '@duohub/sdk';

/** `?account_id=`: one Duo account (a child account id, or `parent`), else every account of the integration. */
export const LearnedLimitsQuerySchema = z.object({
  account_id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'a Duo account id (letters, digits, _ and -) or parent')
    .optional()
    .openapi({ param: { name: 'account_id', in: 'query' }, example: 'DA0123456789ABCDEFGH' }),
});

export const LearnedLimitSchema = z
  .object({
    account_id: z.string(),
    organization: z.object({ id: z.string(), name: z.string() }).nullable(),
    api_host: z.string(),
    endpoint_class: z.enum(ENDPOINT_CLASSES as [string, ...string[]]),
    rate_per_minute: z.number(),
    published_per_minute: z.number(),
    burst: z.number().int(),
    burst_known: z.boolean(),
    exploring: z.boolean(),
    learned_at: z.string(),
    expired: z.boolean(),
  })
  .openapi('LearnedRateLimit');

export const LearnedLimitsSchema = z.object({ items: z.array(LearnedLimitSchema) }).openapi('LearnedRateLimits');

export const LearnedLimitsResetSchema = z
  .object({ accounts_reset: z.array(z.string()).openapi({ description: 'The Duo accounts whose learned limits were forgotten' }) })
  .openapi('LearnedRateLimitsReset');
