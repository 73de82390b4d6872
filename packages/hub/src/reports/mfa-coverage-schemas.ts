import { z } from '@hono/zod-openapi';
import { TREND_DEFAULT_POINTS, TREND_MAX_POINTS } from './mfa-coverage-history/coverage-trend.js';
import { parseTaskSelection } from '../jobs/mfa-coverage/parse-task-selection.js';
import { queryFlag } from '../api/schemas/common-schemas.js';

/** Body of `POST /api/reports/mfa-coverage/runs`. */
export const CoverageRunCreateSchema = z
  .object({ integration_id: z.string().min(1).max(100).openapi({ example: 'int_01JD3Q8W4Y0000000000000000' }) })
  .strict()
  .openapi('CoverageRunCreate');

/** Why an account could not be scanned. */
const ScanErrorSchema = z.object({ kind: z.string(), message: z.string(), status: z.number().int().optional(), code: z.number().int().optional() });

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

/** A run with one entry per Duo account (those `tasks` asked for; none with `tasks=none`). */
export const CoverageRunDetailSchema = CoverageRunSchema.extend({
  tasks: z
    .array(
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
      error: ScanErrorSchema.nullable(),
    }),
  )
    .optional()
    .openapi({ description: "The accounts' tasks in the run's order: all, those of the statuses asked for, or absent (tasks=none)" }),
}).openapi('CoverageRunDetail');

/** Query of the runs list. */
export const CoverageRunsQuerySchema = z.object({
  integration_id: z.string().max(100).optional().openapi({ param: { name: 'integration_id', in: 'query' } }),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ param: { name: 'limit', in: 'query' } }),
});

/** The camelCase names of the coverage body and queries before issue 19, still taken for one release. */
export const LEGACY_COVERAGE_KEYS: Readonly<Record<string, string>> = { integrationId: 'integration_id' };

const byFactor = z.object({ webauthn: z.number(), push_capable: z.number(), hardware_token: z.number(), sms_voice_only: z.number(), none: z.number() });
const byStatus = z.object({
  active: z.number(),
  bypass: z.number(),
  disabled: z.number(),
  locked_out: z.number(),
  pending_deletion: z.number(),
  unknown: z.number(),
});

/** Counts over an account or the fleet. */
const CoverageCountsSchema = z
  .object({
    users: z.number().int(),
    mfa: z.number().int(),
    no_mfa: z.number().int(),
    factor_class: byFactor.openapi({ description: 'Users by their strongest factor' }),
    status: byStatus,
    no_mfa_by_status: byStatus.openapi({ description: 'Users without MFA, by Duo status' }),
    never_logged_in: z.number().int(),
    stale: z.number().int(),
    risky_bypass: z.number().int().openapi({ description: 'Users holding a bypass code that never expires or has unlimited reuse' }),
  })
  .openapi('CoverageCounts');

/** The same figures as per cent of users (two decimals). */
const CoveragePercentagesSchema = z
  .object({
    mfa: z.number(),
    no_mfa: z.number(),
    factor_class: byFactor,
    status: byStatus,
    never_logged_in: z.number(),
    stale: z.number(),
    risky_bypass: z.number(),
  })
  .openapi('CoveragePercentages');

const NoMfaUserSchema = z.object({
  user_id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  status: z.string(),
  last_login: z.number().int().nullable().openapi({ description: 'Unix seconds; null when never' }),
  risky_bypass: z.boolean(),
});

const ScanStatsSchema = z.object({
  user_pages: z.number().int(),
  bypass_code_pages: z.number().int(),
  bypass_codes: z.number().int(),
  duo_total_users: z.number().int().nullable(),
  duplicates_dropped: z.number().int(),
  consistent: z.boolean(),
});

const SnapshotRefSchema = z.object({ id: z.string(), integration_id: z.string(), taken_at: z.string(), finished_at: z.string() });

/** A coverage report of one snapshot. */
export const CoverageReportSchema = z
  .object({
    snapshot: SnapshotRefSchema,
    totals: z.object({ organizations: z.number().int(), scanned: z.number().int(), failed: z.number().int(), counts: CoverageCountsSchema, percentages: CoveragePercentagesSchema }),
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
        counts: CoverageCountsSchema.nullable(),
        percentages: CoveragePercentagesSchema.nullable(),
        users_without_mfa: z
          .array(NoMfaUserSchema)
          .optional()
          .openapi({ description: 'By username; absent with include_users=false (the figures alone)' }),
        scan: ScanStatsSchema.nullable(),
        error: ScanErrorSchema.nullable(),
      }),
    ),
  })
  .openapi('CoverageReport');

const FormatSchema = z.enum(['json', 'csv']).optional().openapi({ description: 'json (default) or csv' });

/** Query of the report. */
export const CoverageReportQuerySchema = z.object({
  at: z.string().max(40).optional().openapi({ param: { name: 'at', in: 'query' }, description: 'Latest snapshot at or before this date (YYYY-MM-DD, end of day UTC) or date-time' }),
  run: z.string().max(100).optional().openapi({ param: { name: 'run', in: 'query' }, description: 'The snapshot of this run' }),
  integration_id: z.string().max(100).optional().openapi({ param: { name: 'integration_id', in: 'query' } }),
  format: FormatSchema,
  list: z
    .enum(['organizations', 'users_without_mfa'])
    .optional()
    .openapi({ param: { name: 'list', in: 'query' }, description: 'CSV only: one line per organization (default) or per user without MFA' }),
  organization: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({
      param: { name: 'organization', in: 'query' },
      description:
        "One organization of the snapshot, by hub organization id or Duo account id (an account not mapped to one): its figures and users, the totals its alone; none matching (or not the caller's to see) answers an empty list",
    }),
  include_users: queryFlag(true).openapi({
      param: { name: 'include_users', in: 'query' },
      description:
        "JSON only: false leaves out each organization's users_without_mfa, for a table or a dashboard of the figures (on a large fleet the lists are nearly all of the answer). Default true",
    }),
});

/** Query of one run's progress. */
export const CoverageRunWaitQuerySchema = z.object({
  wait_ms: z.coerce
    .number()
    .int()
    .min(0)
    .max(30_000)
    .optional()
    .openapi({
      param: { name: 'wait_ms', in: 'query' },
      description: 'Hold the answer while the run is queued or running, at most this long (ms, up to 30000): a poller learns of the end when it comes, not at its next poll',
    }),
  tasks: z
    .string()
    .max(100)
    .default('all')
    .transform((text, ctx) => {
      const parsed = parseTaskSelection(text);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    })
    .openapi({
      param: { name: 'tasks', in: 'query' },
      example: 'running,failed',
      description:
        "Which accounts' tasks to list: all (default); none (progress alone: what a poller showing a progress bar needs, and far less to read on a large fleet); or task statuses separated by commas (pending, running, done, failed, cancelled), such as running,failed for what is under way and what went wrong",
    }),
});

/** Query of the diff. */
export const CoverageDiffQuerySchema = z.object({
  from: z.string().min(1).max(100).openapi({ param: { name: 'from', in: 'query' }, description: 'A snapshot (run) id, or a date / date-time' }),
  to: z.string().min(1).max(100).optional().openapi({ param: { name: 'to', in: 'query' }, description: 'A snapshot id or date; default the latest' }),
  integration_id: z.string().max(100).optional().openapi({ param: { name: 'integration_id', in: 'query' } }),
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
  integration_id: z
    .string()
    .max(100)
    .optional()
    .openapi({ param: { name: 'integration_id', in: 'query' }, description: 'Default: the integration of the latest snapshot' }),
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
