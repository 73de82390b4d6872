import { createRoute } from '@hono/zod-openapi';
import { exportAuditCsv, queryAudit } from './query-audit.js';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { AuditPageSchema, AuditQuerySchema } from './audit-schemas.js';
import { errorResponses } from '../api/schemas/common-schemas.js';

/** `/api/audit`: the audit log, filtered and paged, or exported as CSV. */
export const auditRoutes: ApiRouteModule = {
  name: 'audit',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/audit',
        tags: ['audit'],
        summary: 'Query the audit log (newest first; a limited token sees only its organizations)',
        request: { query: AuditQuerySchema },
        responses: {
          200: {
            description: 'A page of entries (JSON) or every matching entry (CSV)',
            content: { 'application/json': { schema: AuditPageSchema }, 'text/csv': { schema: { type: 'string' } } },
          },
          ...errorResponses(),
        },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const { format, ...query } = c.req.valid('query');
        if (format === 'csv') {
          const { limit: _limit, cursor: _cursor, ...filters } = query;
          const csv = await exportAuditCsv(c.var.hub, c.var.actor, filters);
          return c.body(csv, 200, {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="duohub-audit.csv"',
          });
        }
        return c.json(await queryAudit(c.var.hub, c.var.actor, query), 200);
      },
    }),
  ],
};
