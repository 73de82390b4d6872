import { createRoute } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteModule } from '../../api/define-api-route.js';
import { errorResponses } from '../../api/schemas/common-schemas.js';
import { buildSeatsReport } from './build-seats-report.js';
import { seatsReportCsv } from './seats-csv.js';
import { SeatsQuerySchema, SeatsReportSchema } from './seats-schemas.js';

/** `GET /api/reports/seats`: users by status and enrollment, edition and telephony credits per Duo account, live. */
export const seatsRoutes: ApiRouteModule = {
  name: 'seats',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/reports/seats',
        tags: ['reports'],
        summary:
          'Seats and billing per Duo account (parent and children), read live: users by status and enrollment, billable users, edition, telephony credits, totals; a limited token sees its organizations only',
        request: { query: SeatsQuerySchema },
        responses: {
          200: {
            description: 'The report (CSV: a header, one line per account, a totals line)',
            content: { 'application/json': { schema: SeatsReportSchema }, 'text/csv': { schema: { type: 'string' as const } } },
          },
          ...errorResponses(404, 409, 502, 504),
        },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const q = c.req.valid('query');
        const report = await buildSeatsReport(c.var.hub, c.var.actor, { integrationId: q.integration_id, organizationIds: q.organization_id }, { signal: c.req.raw.signal });
        if (q.format === 'csv') {
          return c.body(seatsReportCsv(report), 200, {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="duohub-seats-${report.generated_at.slice(0, 10)}.csv"`,
          });
        }
        return c.json(report, 200);
      },
    }),
  ],
};
