import { z } from '@hono/zod-openapi';
import { TREND_DEFAULT_POINTS, TREND_MAX_POINTS } from './mfa-coverage-history/coverage-trend.js';

/** Body of `POST /api/reports/mfa-coverage/runs`. */
export const CoverageRunCreateSchema = z
  .object({ integrationId: z.string().min(1).max(100).openapi({ example: 'int_01JD3Q8W4Y0000000000000000' }) })
  .strict()
  .openapi('CoverageRunCreate');

const ProgressSchema = z.object({
  accounts_total: z.number().int(),
  accounts_done: z.number().int(),
  accounts_failed: z.number().int(),
  users_seen: z.number().int(),
});

/** A run and its progress. */
export const CoverageRunSchema = z
  .object({
    id: z.string(),
    integration_id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    trigger: z.string(),
    requested_by: z.string().nullable(),
    as_of: z.string(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    progress: ProgressSchema,
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .openapi('CoverageRun');

/** A run with one entry per Duo account. */
export const CoverageRunDetailSchema = CoverageRunSchema.extend({
  tasks: z.array(
    z.object({
      account_id: z.string(),
      name: z.string(),
      status: z.enum(['pending', 'running', 'done', 'failed', 'cancelled']),
      attempts: z.number().int(),
      users_seen: z.number().int(),
      held_by: z.string().nullable().openapi({ description: 'The hub replica holding (or that last held) the task' }),
      processed_by: z.string().nullable().openapi({ description: 'The hub replica whose outcome was written' }),
      started_at: z.string().nullable(),
      finished_at: z.string().nullable(),
      error: z.unknown(),
    }),
  ),
}).openapi('CoverageRunDetail');

/** Query of the runs list. */
export const CoverageRunsQuerySchema = z.object({
  integrationId: z.string().max(100).optional().openapi({ param: { name: 'integrationId', in: 'query' } }),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ param: { name: 'limit', in: 'query' } }),
});

const SnapshotRefSchema = z.object({ id: z.string(), integration_id: z.string(), taken_at: z.string(), finished_at: z.string() });

/** A coverage report of one snapshot. */
export const CoverageReportSchema = z
  .object({
    snapshot: SnapshotRefSchema,
    totals: z.object({ organizations: z.number().int(), scanned: z.number().int(), failed: z.number().int(), counts: z.unknown(), percentages: z.unknown() }),
    organizations: z.array(
      z.object({
        name: z.string(),
        organization_id: z.string().nullable(),
        duo_account_id: z.string(),
        duo_account_name: z.string(),
        status: z.enum(['ok', 'failed']),
        users: z.number().int(),
        mfa: z.number().int(),
        no_mfa: z.number().int(),
        mfa_percent: z.number(),
        counts: z.unknown(),
        percentages: z.unknown(),
        users_without_mfa: z.array(z.unknown()),
        scan: z.unknown(),
        error: z.unknown(),
      }),
    ),
  })
  .openapi('CoverageReport');

const FormatSchema = z.enum(['json', 'csv']).optional().openapi({ description: 'json (default) or csv' });

/** Query of the report. */
export const CoverageReportQuerySchema = z.object({
  at: z.string().max(40).optional().openapi({ param: { name: 'at', in: 'query' }, description: 'Latest snapshot at or before this date (YYYY-MM-DD, end of day UTC) or date-time' }),
  run: z.string().max(100).optional().openapi({ param: { name: 'run', in: 'query' }, description: 'The snapshot of this run' }),
  integrationId: z.string().max(100).optional().openapi({ param: { name: 'integrationId', in: 'query' } }),
  format: FormatSchema,
  list: z
    .enum(['organizations', 'users_without_mfa'])
    .optional()
    .openapi({ param: { name: 'list', in: 'query' }, description: 'CSV only: one line per organization (default) or per user without MFA' }),
});

/** Query of the diff. */
export const CoverageDiffQuerySchema = z.object({
  from: z.string().min(1).max(100).openapi({ param: { name: 'from', in: 'query' }, description: 'A snapshot (run) id, or a date / date-time' }),
  to: z.string().min(1).max(100).optional().openapi({ param: { name: 'to', in: 'query' }, description: 'A snapshot id or date; default the latest' }),
  integrationId: z.string().max(100).optional().openapi({ param: { name: 'integrationId', in: 'query' } }),
  format: FormatSchema,
});

const DiffUserSchema = z.object({ user_id: z.string(), username: z.string(), email: z.string().nullable(), status: z.string() });

/** Who lost or gained MFA between two snapshots. */
export const CoverageDiffSchema = z
  .object({
    from: SnapshotRefSchema,
    to: SnapshotRefSchema,
    totals: z.object({ lost_mfa: z.number().int(), gained_mfa: z.number().int(), new_without_mfa: z.number().int(), removed_without_mfa: z.number().int() }),
    organizations: z.array(
      z.object({
        account_id: z.string(),
        organization_id: z.string().nullable(),
        name: z.string(),
        comparable: z.boolean(),
        lost_mfa: z.array(DiffUserSchema),
        gained_mfa: z.array(DiffUserSchema),
        new_without_mfa: z.array(DiffUserSchema),
        removed_without_mfa: z.array(DiffUserSchema),
      }),
    ),
  })
  .openapi('CoverageDiff');

/** Query of the trend. */
export const CoverageTrendQuerySchema = z.object({
  integrationId: z
    .string()
    .max(100)
    .optional()
    .openapi({ param: { name: 'integrationId', in: 'query' }, description: 'Default: the integration of the latest snapshot' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(TREND_MAX_POINTS)
    .optional()
    .openapi({ param: { name: 'limit', in: 'query' }, description: `Latest snapshots to show (default ${TREND_DEFAULT_POINTS})` }),
});

const TrendOrganizationSchema = z.object({
  duo_account_id: z.string(),
  organization_id: z.string().nullable(),
  name: z.string(),
  status: z.enum(['ok', 'failed']),
  users: z.number().int(),
  mfa: z.number().int(),
  mfa_percent: z.number(),
});

/** MFA-enabled % of the fleet and of each organization over the latest snapshots, oldest first. */
export const CoverageTrendSchema = z
  .object({
    integration_id: z.string().nullable(),
    points: z.array(
      z.object({
        snapshot_id: z.string(),
        taken_at: z.string(),
        organizations: z.number().int(),
        scanned: z.number().int(),
        failed: z.number().int(),
        users: z.number().int(),
        mfa: z.number().int(),
        mfa_percent: z.number(),
        by_organization: z.array(TrendOrganizationSchema),
      }),
    ),
  })
  .openapi('CoverageTrend');
