import { createRoute, z } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteModule } from '../../api/define-api-route.js';
import { errorResponses, IdParamSchema } from '../../api/schemas/common-schemas.js';
import { acknowledgeAlert, listAlertRules, listAlerts, updateAlertRule } from './alert-service.js';
import { AlertRulePatchSchema, AlertRuleSchema, AlertSchema, AlertsPageSchema, AlertsQuerySchema } from './alert-schemas.js';

const tags = ['alerts'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** `/api/alerts` and `/api/alert-rules`: alerts fired by rules over Duo's logs, and the rules' settings. */
export const alertRoutes: ApiRouteModule = {
  name: 'alerts',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/alerts',
        tags,
        summary: 'List alerts, newest first (a limited token sees its organizations only)',
        request: { query: AlertsQuerySchema },
        responses: { 200: json(AlertsPageSchema, 'A page of alerts'), ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => c.json(await listAlerts(c.var.hub, c.var.actor, c.req.valid('query')), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/alerts/{id}/acknowledge',
        tags,
        summary: 'Acknowledge an alert',
        request: { params: IdParamSchema },
        responses: { 200: json(AlertSchema, 'The alert, acknowledged'), ...errorResponses(404) },
      }),
      access: { scope: 'operate', organizationLimited: 'allowed', auditAction: 'alerts.acknowledge' },
      handler: async (c) => c.json(await acknowledgeAlert(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/alert-rules',
        tags,
        summary: 'List alert rules with their defaults and settings',
        responses: { 200: json(z.object({ items: z.array(AlertRuleSchema) }), 'Every rule'), ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => c.json({ items: await listAlertRules(c.var.hub, c.var.actor) }, 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'patch',
        path: '/api/alert-rules/{id}',
        tags,
        summary: "Change a rule's settings fleet-wide or for one organization (enabled; N and M for repeated_denials)",
        request: { params: IdParamSchema, body: { required: true, content: { 'application/json': { schema: AlertRulePatchSchema } } } },
        responses: { 200: json(AlertRuleSchema, 'The rule'), ...errorResponses(404, 413, 415) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'alert_rules.update' },
      handler: async (c) => c.json(await updateAlertRule(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
    }),
  ],
};
