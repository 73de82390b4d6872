import { createRoute, z } from '@hono/zod-openapi';
import { acceptLegacyKeys } from '../api/accept-legacy-keys.js';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses, IdParamSchema } from '../api/schemas/common-schemas.js';
import { coverageJobsOf } from '../jobs/mfa-coverage/coverage-jobs.js';
import { cancelCoverageRun, getCoverageRun, listCoverageRuns, waitForCoverageRunEnd } from '../jobs/mfa-coverage/coverage-run-views.js';
import { createCoverageRun } from '../jobs/mfa-coverage/create-coverage-run.js';
import { coverageDiffCsv, coverageReportCsv, usersWithoutMfaCsv } from './mfa-coverage-history/coverage-csv.js';
import { loadCoverageDiff, loadCoverageReport } from './mfa-coverage-history/coverage-report.js';
import { loadCoverageTrend } from './mfa-coverage-history/coverage-trend.js';
import {
  CoverageDiffQuerySchema,
  CoverageDiffSchema,
  CoverageReportQuerySchema,
  CoverageReportSchema,
  CoverageRunCreateSchema,
  CoverageRunDetailSchema,
  CoverageRunSchema,
  CoverageRunsQuerySchema,
  CoverageRunWaitQuerySchema,
  CoverageTrendQuerySchema,
  CoverageTrendSchema,
  LEGACY_COVERAGE_KEYS,
} from './mfa-coverage-schemas.js';

const tags = ['reports'];
const legacyKeys = [acceptLegacyKeys(LEGACY_COVERAGE_KEYS)];
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const csvOrJson = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema }, 'text/csv': { schema: { type: 'string' as const } } },
});
const csv = (body: string, name: string) => ({
  body,
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
});

/** `/api/reports/mfa-coverage`: fleet runs as jobs, their snapshots, diffs and exports. */
export const mfaCoverageRoutes: ApiRouteModule = {
  name: 'mfa-coverage',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/reports/mfa-coverage/runs',
        tags,
        summary: "Start a fleet run: one task per Duo child account of the integration (answers at once; poll the run)",
        request: { body: { required: true, content: { 'application/json': { schema: CoverageRunCreateSchema } } } },
        middleware: legacyKeys,
        responses: { 202: json(CoverageRunSchema, 'The run, queued'), ...errorResponses(404, 409, 413, 415, 502, 504) },
      }),
      access: { scope: 'operate', organizationLimited: 'denied', auditAction: 'reports.mfa_coverage.run' },
      handler: async (c) => {
        const hub = c.var.hub;
        const actor = c.var.actor;
        const created = await createCoverageRun(hub, actor, { integrationId: c.req.valid('json').integration_id, trigger: actor.kind === 'cli' ? 'cli' : 'api' });
        // Only schedule slots can collide, and this is not one.
        coverageJobsOf(hub)?.runner.notify(created!.id);
        return c.json(await getCoverageRun(hub, created!.id, 'none'), 202);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/reports/mfa-coverage/runs',
        tags,
        summary: 'List runs, newest first',
        request: { query: CoverageRunsQuerySchema },
        middleware: legacyKeys,
        responses: { 200: json(z.object({ items: z.array(CoverageRunSchema) }), 'Runs'), ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => {
        const q = c.req.valid('query');
        return c.json({ items: await listCoverageRuns(c.var.hub, { integrationId: q.integration_id, limit: q.limit }) }, 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/reports/mfa-coverage/runs/{id}',
        tags,
        summary: "A run's progress, with its accounts' tasks (all, those of some statuses, or none; optionally held until the run ends)",
        request: { params: IdParamSchema, query: CoverageRunWaitQuerySchema },
        responses: { 200: json(CoverageRunDetailSchema, 'The run'), ...errorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => {
        const id = c.req.valid('param').id;
        const { wait_ms: waitMs, tasks } = c.req.valid('query');
        if (waitMs) await waitForCoverageRunEnd(c.var.hub, id, waitMs);
        return c.json(await getCoverageRun(c.var.hub, id, tasks), 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/reports/mfa-coverage/runs/{id}/cancel',
        tags,
        summary: 'Cancel a queued or running run (no snapshot is taken)',
        request: { params: IdParamSchema },
        responses: { 200: json(CoverageRunSchema, 'The cancelled run'), ...errorResponses(404, 409) },
      }),
      access: { scope: 'operate', organizationLimited: 'denied', auditAction: 'reports.mfa_coverage.cancel' },
      handler: async (c) => {
        const id = c.req.valid('param').id;
        await cancelCoverageRun(c.var.hub, c.var.actor, id);
        coverageJobsOf(c.var.hub)?.runner.cancelRun(id);
        return c.json(await getCoverageRun(c.var.hub, id, 'none'), 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/reports/mfa-coverage',
        tags,
        summary: 'The latest MFA coverage snapshot (or the one at a date, or of a run); a limited token sees its organizations only',
        request: { query: CoverageReportQuerySchema },
        middleware: legacyKeys,
        responses: { 200: csvOrJson(CoverageReportSchema, 'The report'), ...errorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const q = c.req.valid('query');
        const selector = { id: q.run, at: q.at, integrationId: q.integration_id };
        const scope = { organization: q.organization };
        if (q.format !== 'csv') return c.json(await loadCoverageReport(c.var.hub, c.var.actor, selector, { ...scope, includeUsers: q.include_users }), 200);
        // One line per user needs the lists; one per organization does not.
        const out =
          q.list === 'users_without_mfa'
            ? csv(usersWithoutMfaCsv(await loadCoverageReport(c.var.hub, c.var.actor, selector, scope)), 'duohub-users-without-mfa.csv')
            : csv(coverageReportCsv(await loadCoverageReport(c.var.hub, c.var.actor, selector, { ...scope, includeUsers: false })), 'duohub-mfa-coverage.csv');
        return c.body(out.body, 200, out.headers);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/reports/mfa-coverage/trend',
        tags,
        summary: "MFA-enabled % of the fleet and of each organization over an integration's latest snapshots (counts only; a limited token sees its organizations)",
        request: { query: CoverageTrendQuerySchema },
        middleware: legacyKeys,
        responses: { 200: json(CoverageTrendSchema, 'The trend, oldest snapshot first'), ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const q = c.req.valid('query');
        return c.json(await loadCoverageTrend(c.var.hub, c.var.actor, { integrationId: q.integration_id, limit: q.limit }), 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/reports/mfa-coverage/diff',
        tags,
        summary: 'Who lost or gained MFA, and who is new without it, between two snapshots',
        request: { query: CoverageDiffQuerySchema },
        middleware: legacyKeys,
        responses: { 200: csvOrJson(CoverageDiffSchema, 'The diff'), ...errorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const q = c.req.valid('query');
        const diff = await loadCoverageDiff(c.var.hub, c.var.actor, { from: q.from, to: q.to, integrationId: q.integration_id });
        if (q.format === 'csv') {
          const out = csv(coverageDiffCsv(diff), 'duohub-mfa-coverage-diff.csv');
          return c.body(out.body, 200, out.headers);
        }
        return c.json(diff, 200);
      },
    }),
  ],
};
