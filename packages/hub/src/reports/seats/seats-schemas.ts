import { z } from '@hono/zod-openapi';

/** Values `organization_id` may repeat at most. */
const MAX_ORGANIZATIONS = 500;

const orgId = z.string().min(1).max(100);

/** Query of `GET /api/reports/seats`. */
export const SeatsQuerySchema = z.object({
  integration_id: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: 'integration_id', in: 'query' }, description: "Only this integration's accounts (its parent and every child); default every integration" }),
  organization_id: z
    .union([orgId, z.array(orgId).min(1).max(MAX_ORGANIZATIONS)])
    .optional()
    .transform((v): string[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
    .openapi({
      param: { name: 'organization_id', in: 'query', style: 'form', explode: true },
      description: 'Only the Duo accounts of these organizations (repeat the parameter for several). A limited token sees only its own: others match nothing.',
    }),
  format: z.enum(['json', 'csv']).optional().openapi({ param: { name: 'format', in: 'query' }, description: 'json (default) or csv' }),
});

const CountsSchema = z.object({
  users: z.number().int(),
  active: z.number().int(),
  bypass: z.number().int(),
  disabled: z.number().int(),
  locked_out: z.number().int(),
  pending_deletion: z.number().int(),
  other_status: z.number().int(),
  enrolled: z.number().int(),
  not_enrolled: z.number().int(),
  billable: z.number().int(),
});

/** The seats and billing report. */
export const SeatsReportSchema = z
  .object({
    generated_at: z.string(),
    billable_basis: z.literal('derived').openapi({ description: "Duo's APIs report no billable count: `billable` is derived by `billable_rule`" }),
    billable_rule: z.string(),
    accounts: z.array(
      z.object({
        integration_id: z.string(),
        integration_name: z.string().nullable().openapi({ description: 'Null for a token limited to organizations' }),
        duo_account_id: z.string().openapi({ description: 'A child account_id, or `parent`' }),
        duo_account_name: z.string(),
        organization_id: z.string().nullable(),
        organization_name: z.string().nullable(),
        status: z.enum(['ok', 'failed']),
        counts: CountsSchema.nullable(),
        edition: z.string().nullable().openapi({ description: 'ENTERPRISE (Essentials), PLATFORM (Advantage), BEYOND (Premier); null for a parent account' }),
        telephony_credits: z.number().int().nullable(),
        duo_total_users: z.number().int().nullable(),
        error: z.object({ kind: z.string(), message: z.string(), status: z.number().int().optional(), code: z.number().int().optional() }).nullable(),
      }),
    ),
    totals: z.object({
      accounts: z.number().int(),
      accounts_ok: z.number().int(),
      accounts_failed: z.number().int(),
      counts: CountsSchema,
      telephony_credits: z.number().int(),
    }),
  })
  .openapi('SeatsReport');
