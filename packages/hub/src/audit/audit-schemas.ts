import { z } from '@hono/zod-openapi';

const IsoTime = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 time such as 2026-01-31T12:00:00Z')
  .transform((v) => new Date(v).toISOString());

/** Filters and paging of `GET /api/audit`. */
export const AuditQuerySchema = z.object({
  action: z.string().max(100).optional().openapi({ param: { name: 'action', in: 'query' }, example: 'integrations.create' }),
  organization_id: z.string().max(100).optional().openapi({ param: { name: 'organization_id', in: 'query' } }),
  outcome: z.enum(['success', 'failure', 'denied', 'unknown']).optional().openapi({ param: { name: 'outcome', in: 'query' } }),
  token_id: z.string().max(100).optional().openapi({ param: { name: 'token_id', in: 'query' } }),
  since: IsoTime.optional().openapi({ param: { name: 'since', in: 'query' }, description: 'Inclusive lower bound.' }),
  until: IsoTime.optional().openapi({ param: { name: 'until', in: 'query' }, description: 'Exclusive upper bound.' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z.string().max(100).optional().openapi({ param: { name: 'cursor', in: 'query' }, description: '`next_cursor` of the previous page.' }),
  format: z.enum(['json', 'csv']).default('json').openapi({
    param: { name: 'format', in: 'query' },
    description: '`csv` exports every matching entry (newest first) as one CSV file, ignoring paging.',
  }),
});

/** One audit entry. */
export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    token_id: z.string().nullable(),
    actor: z.string(),
    action: z.string(),
    organization_id: z.string().nullable(),
    target_type: z.string().nullable(),
    target_id: z.string().nullable(),
    outcome: z.enum(['success', 'failure', 'denied', 'unknown']),
    error_code: z.string().nullable(),
    inputs: z.unknown().nullable(),
  })
  .openapi('AuditEntry');

/** A page of audit entries, newest first. */
export const AuditPageSchema = z
  .object({ items: z.array(AuditEntrySchema), next_cursor: z.string().nullable() })
  .openapi('AuditPage');

/** Parsed (output) type of `AuditQuerySchema`. */
export type AuditQuery = z.output<typeof AuditQuerySchema>;
/** Parsed (output) type of `AuditEntrySchema`. */
export type AuditEntry = z.output<typeof AuditEntrySchema>;
