import { z } from '@hono/zod-openapi';
import { OrganizationTagSchema } from '../organizations/organization-schemas.js';

/** Most calls one plan may hold: beyond this a fleet change should be split (and reviewed) in parts. */
export const MAX_PLAN_ITEMS = 50_000;

/** The user queries a plan can select by. */
export const USER_QUERIES = ['without_mfa', 'bypass', 'locked_out', 'disabled', 'inactive', 'all'] as const;

/** Which organizations a plan covers (the union of what is given). */
export const BulkOrganizationsSelectorSchema = z
  .strictObject({
    all: z.literal(true).optional().openapi({ description: 'Every organization the caller may reach' }),
    ids: z.array(z.string().trim().min(1).max(200)).min(1).max(5000).optional().openapi({ description: 'Organization ids or names' }),
    tags: z.array(OrganizationTagSchema).min(1).max(100).optional().openapi({ description: 'Organizations carrying any of these tags' }),
    name_pattern: z.string().trim().min(1).max(200).optional().openapi({ description: 'Glob on the name: * any run, ? one character; case-insensitive', example: 'ACME*' }),
  })
  .refine((s) => s.all !== undefined || s.ids !== undefined || s.tags !== undefined || s.name_pattern !== undefined, {
    message: 'give all, ids, tags or name_pattern',
  })
  .openapi('BulkOrganizationsSelector');

/** Which users, for actions that act on one user per call. */
export const BulkUsersSelectorSchema = z
  .strictObject({
    query: z.enum(USER_QUERIES).optional().openapi({
      description:
        'without_mfa: from the latest coverage snapshot of the organization\'s integration (or snapshot_id); bypass, locked_out, disabled, inactive, all: read live from Duo',
    }),
    inactive_days: z.int().min(1).max(3650).optional().openapi({ description: 'inactive: no login for this many days (default 90); never logged in counts' }),
    snapshot_id: z.string().min(1).max(100).optional().openapi({ description: 'without_mfa: this coverage snapshot instead of the latest' }),
    usernames: z.array(z.string().trim().min(1).max(512)).min(1).max(MAX_PLAN_ITEMS).optional().openapi({ description: 'Usernames, aliases or emails, matched against each organization\'s users read live' }),
    csv: z.string().min(1).max(5_000_000).optional().openapi({ description: 'CSV with a username or email column, or one username or email per line' }),
  })
  .refine((u) => [u.query, u.usernames, u.csv].filter((v) => v !== undefined).length === 1, { message: 'give exactly one of query, usernames or csv', path: ['query'] })
  .refine((u) => u.inactive_days === undefined || u.query === 'inactive', { message: 'inactive_days goes with query inactive', path: ['inactive_days'] })
  .refine((u) => u.snapshot_id === undefined || u.query === 'without_mfa', { message: 'snapshot_id goes with query without_mfa', path: ['snapshot_id'] })
  .openapi('BulkUsersSelector');

/** Body of `POST /api/bulk-runs`. */
export const BulkPlanRequestSchema = z
  .strictObject({
    action_id: z.string().min(1).max(100).openapi({ example: 'users.enroll' }),
    title: z.string().trim().min(1).max(200).optional(),
    organizations: BulkOrganizationsSelectorSchema,
    users: BulkUsersSelectorSchema.optional(),
    input: z.record(z.string(), z.unknown()).optional().openapi({
      description: "The action's input; for per-user actions the user_id, username and email fields it accepts are filled from each user unless given",
    }),
    requires_approval: z.boolean().optional().openapi({ description: 'A second token with the `approve` scope must approve before it runs' }),
    dry_run: z.boolean().optional().openapi({ description: 'Answer the plan without saving it' }),
  })
  .openapi('BulkPlanRequest');

/** Parsed body of `POST /api/bulk-runs`. */
export type BulkPlanRequest = z.output<typeof BulkPlanRequestSchema>;

const BulkRunStatusSchema = z.enum(['draft', 'planned', 'queued', 'running', 'paused', 'cancelled', 'completed']);
const BulkItemStatusSchema = z.enum(['pending', 'calling', 'done', 'skipped', 'failed', 'review', 'cancelled']);

/** Item counts by status. */
export const BulkCountsSchema = z.object({
  total: z.number(),
  pending: z.number(),
  calling: z.number(),
  done: z.number(),
  skipped: z.number(),
  failed: z.number(),
  review: z.number(),
  cancelled: z.number(),
});

/** A bulk run as the API shows it. */
export const BulkRunViewSchema = z
  .object({
    id: z.string().nullable().openapi({ description: 'null for a dry run (not saved)' }),
    title: z.string(),
    action_id: z.string().nullable(),
    source: z.enum(['manual', 'coverage', 'baseline']),
    baseline_id: z.string().nullable(),
    status: BulkRunStatusSchema,
    requires_approval: z.boolean(),
    approved: z.boolean(),
    approved_by: z.string().nullable(),
    approved_at: z.string().nullable(),
    plan_hash: z.string(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    counts: BulkCountsSchema,
    plan: z.object({
      by_action: z.array(z.object({ action_id: z.string(), items: z.number() })),
      by_organization: z.array(
        z.object({
          organization_id: z.string(),
          name: z.string(),
          items: z.number(),
          done: z.number(),
          skipped: z.number(),
          failed: z.number(),
          review: z.number(),
          cancelled: z.number(),
          status: z.string(),
        }),
      ),
    }),
    notes: z.array(z.string()).openapi({ description: 'What planning found: sources of users, skipped organizations, names not found' }),
    summary: z.string(),
  })
  .openapi('BulkRun');

/** One planned call as the API shows it (input redacted). */
export const BulkItemViewSchema = z
  .object({
    seq: z.number(),
    organization_id: z.string(),
    organization_name: z.string(),
    action_id: z.string(),
    target: z.string().nullable(),
    target_id: z.string().nullable(),
    input: z.unknown(),
    status: BulkItemStatusSchema,
    attempts: z.number(),
    outcome: z
      .object({
        code: z.string().optional(),
        message: z.string().optional(),
        duo_code: z.union([z.number(), z.string()]).optional(),
        http_status: z.number().optional(),
        reconciled: z.boolean().optional(),
        summary: z.string().optional(),
      })
      .passthrough()
      .nullable(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi('BulkItem');

/** A dry run's answer: the plan with every call it would make. */
export const BulkDraftViewSchema = BulkRunViewSchema.extend({ items: z.array(BulkItemViewSchema) }).openapi('BulkDraft');

/** A bulk run as the API shows it. */
export type BulkRunView = z.output<typeof BulkRunViewSchema>;
/** One item as the API shows it. */
export type BulkItemView = z.output<typeof BulkItemViewSchema>;
/** A dry run's answer. */
export type BulkDraftView = z.output<typeof BulkDraftViewSchema>;

/** `GET /api/bulk-runs` query. */
export const BulkRunListQuerySchema = z.object({
  status: z.enum(['planned', 'queued', 'running', 'paused', 'cancelled', 'completed']).optional(),
  cursor: z.string().min(1).max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** `GET /api/bulk-runs/{id}/items` query. */
export const BulkItemListQuerySchema = z.object({
  status: BulkItemStatusSchema.optional(),
  organization_id: z.string().min(1).max(100).optional(),
  cursor: z.string().min(1).max(300).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `GET /api/bulk-runs/{id}/report` query. */
export const BulkReportQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** Body of `POST /api/bulk-runs/{id}/approve`. */
export const BulkApproveSchema = z.strictObject({ plan_hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the plan_hash of the run (64 hex digits)') }).openapi('BulkApprove');
