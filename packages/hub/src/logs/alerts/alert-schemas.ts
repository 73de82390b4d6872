import { z } from '@hono/zod-openapi';
import { ALERT_RULES } from './alert-rules.js';

/** Filters and paging of `GET /api/alerts`. */
export const AlertsQuerySchema = z.object({
  status: z.enum(['open', 'acknowledged', 'all']).default('all').openapi({ param: { name: 'status', in: 'query' } }),
  organization_id: z.string().max(100).optional().openapi({ param: { name: 'organization_id', in: 'query' } }),
  rule: z.string().max(100).optional().openapi({ param: { name: 'rule', in: 'query' }, example: 'bypass_code_created' }),
  severity: z.enum(['low', 'medium', 'high']).optional().openapi({ param: { name: 'severity', in: 'query' } }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z.string().max(100).optional().openapi({ param: { name: 'cursor', in: 'query' }, description: '`next_cursor` of the previous page.' }),
});

/** One alert. */
export const AlertSchema = z
  .object({
    id: z.string(),
    rule: z.string(),
    rule_title: z.string(),
    severity: z.enum(['low', 'medium', 'high']),
    title: z.string(),
    organization_id: z.string().nullable(),
    integration_id: z.string(),
    duo_account_id: z.string(),
    log_type: z.string(),
    event_id: z.string().openapi({ description: 'The stored log event that fired it.' }),
    username: z.string().nullable(),
    occurred_at: z.string(),
    created_at: z.string(),
    acknowledged_at: z.string().nullable(),
    acknowledged_by: z.string().nullable().openapi({ description: "The acknowledging token's id, or `cli`." }),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('Alert');

/** A page of alerts, newest first. */
export const AlertsPageSchema = z.object({ items: z.array(AlertSchema), next_cursor: z.string().nullable() }).openapi('AlertsPage');

const RuleParams = z.object({ threshold: z.number().int(), window_minutes: z.number().int() });

/** A rule with its defaults and the settings stored over them. */
export const AlertRuleSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['event', 'rate', 'check']),
    title: z.string(),
    description: z.string(),
    severity: z.enum(['low', 'medium', 'high']),
    log_types: z.array(z.string()),
    duo_actions: z.array(z.string()).openapi({ description: 'Duo administrator-log actions the rule looks at.' }),
    defaults: RuleParams.nullable().openapi({ description: 'The rate rule: N (threshold) denials in M (window_minutes) minutes.' }),
    fleet: z.object({ enabled: z.boolean(), params: RuleParams.nullable() }).openapi({ description: 'What applies to every organization without its own settings.' }),
    organizations: z.array(z.object({ organization_id: z.string(), enabled: z.boolean().nullable(), threshold: z.number().int().nullable(), window_minutes: z.number().int().nullable() })),
  })
  .openapi('AlertRule');

/** Body of `PATCH /api/alert-rules/{id}`: settings at one scope; null clears a setting (the wider scope applies again). */
export const AlertRulePatchSchema = z
  .strictObject({
    organization_id: z.string().min(1).max(100).nullable().default(null).openapi({ description: 'The organization these settings are for; null for fleet-wide.' }),
    enabled: z.boolean().nullable().optional(),
    threshold: z.number().int().min(1).max(1000).nullable().optional().openapi({ description: 'Rate rule only: N.' }),
    window_minutes: z.number().int().min(1).max(1440).nullable().optional().openapi({ description: 'Rate rule only: M.' }),
  })
  .openapi('AlertRulePatch');

/** Rule ids, for docs. */
export const ALERT_RULE_IDS = ALERT_RULES.map((r) => r.id);

/** Parsed (output) type of `AlertsQuerySchema`. */
export type AlertsQuery = z.output<typeof AlertsQuerySchema>;
/** Parsed (output) type of `AlertSchema`. */
export type AlertView = z.output<typeof AlertSchema>;
/** Parsed (output) type of `AlertRuleSchema`. */
export type AlertRuleView = z.output<typeof AlertRuleSchema>;
/** Parsed (output) type of `AlertRulePatchSchema`. */
export type AlertRulePatchInput = z.output<typeof AlertRulePatchSchema>;
