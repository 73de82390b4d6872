import { createRoute, z } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses, IdParamSchema } from '../api/schemas/common-schemas.js';
import { BulkRunViewSchema } from './bulk-plan-schemas.js';
import { readBulkRunView } from './bulk-run-view.js';
import { cancelBulkRun, pauseBulkRun, resumeBulkRun, startBulkRun } from './control-bulk-run.js';

const tags = ['bulk runs'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Body of `POST /api/bulk-runs/{id}/run`. */
export const BulkRunStartSchema = z
  .strictObject({ plan_hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the plan_hash of the run (64 hex digits)') })
  .openapi('BulkRunStart');

/** One control transition of a run: pause, resume or cancel. */
function transition(verb: 'pause' | 'resume' | 'cancel', summary: string, act: typeof pauseBulkRun) {
  return defineApiRoute({
    route: createRoute({
      method: 'post',
      path: `/api/bulk-runs/{id}/${verb}`,
      tags,
      summary,
      request: { params: IdParamSchema },
      responses: { 200: json(BulkRunViewSchema, 'The run'), ...errorResponses(403, 404, 409) },
    }),
    access: { scope: 'operate', organizationLimited: 'allowed', auditAction: `bulk.${verb}` },
    handler: async (c) => {
      const id = c.req.valid('param').id;
      await act(c.var.hub, c.var.actor, id);
      return c.json(await readBulkRunView(c.var.hub, c.var.actor, id), 200);
    },
  });
}

/** `/api/bulk-runs/{id}/run|pause|resume|cancel`: executing a saved plan (a token limited to organizations reaches only runs wholly inside its list). */
export const bulkExecutionRoutes: ApiRouteModule = {
  name: 'bulk-execution',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/bulk-runs/{id}/run',
        tags,
        summary: "Execute a planned run exactly as planned (answers at once; poll the run). plan_hash must be the run's; 409 when it differs, when approval is missing, or when the run is not planned",
        request: { params: IdParamSchema, body: { required: true, content: { 'application/json': { schema: BulkRunStartSchema } } } },
        responses: { 202: json(BulkRunViewSchema, 'The run, queued'), ...errorResponses(403, 404, 409) },
      }),
      access: { scope: 'operate', organizationLimited: 'allowed', auditAction: 'bulk.run' },
      handler: async (c) => {
        const id = c.req.valid('param').id;
        await startBulkRun(c.var.hub, c.var.actor, id, c.req.valid('json').plan_hash);
        return c.json(await readBulkRunView(c.var.hub, c.var.actor, id), 202);
      },
    }),
    transition('pause', 'Pause a queued or running run: each organization stops after its current item', pauseBulkRun),
    transition('resume', 'Resume a paused run', resumeBulkRun),
    transition('cancel', "Cancel a run: pending items become cancelled; each organization's item under way finishes", cancelBulkRun),
  ],
};
