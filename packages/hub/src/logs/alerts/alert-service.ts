import type { Transaction } from 'kysely';
import { canAccessOrganization, requireScope, requireUnlimited, type Actor } from '../../access/actor.js';
import { auditedWrite, auditFailure } from '../../audit/audited-write.js';
import { HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import type { Database } from '../../store/database.js';
import { forwardingDb, forwardingTrx, type AlertsTable } from '../forwarding/forwarding-tables.js';
import { ALERT_RULES, findAlertRule, type AlertRule } from './alert-rules.js';
import { effectiveRuleSettings, FLEET_SCOPE, loadRuleSettings, type RuleSettingsMap } from './alert-rule-settings.js';
import type { AlertRulePatchInput, AlertRuleView, AlertsQuery, AlertView } from './alert-schemas.js';

function parseDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The API view of an alert row. */
export function toAlertView(row: AlertsTable): AlertView {
  return {
    id: row.id,
    rule: row.rule_id,
    rule_title: findAlertRule(row.rule_id)?.title ?? row.rule_id,
    severity: row.severity,
    title: row.title,
    organization_id: row.organization_id,
    integration_id: row.integration_id,
    duo_account_id: row.duo_account_id,
    log_type: row.log_type,
    event_id: row.event_id,
    username: row.username,
    occurred_at: new Date(Number(row.occurred_at)).toISOString(),
    created_at: row.created_at,
    acknowledged_at: row.acknowledged_at,
    acknowledged_by: row.acknowledged_by,
    details: parseDetails(row.details),
  };
}

/**
 * Alerts, newest first, by id keyset. A token limited to organizations sees only their alerts
 * (fleet-wide ones, of unmapped accounts, are not theirs); asking for another organization answers
 * an empty page rather than a refusal, as the audit log does.
 */
export async function listAlerts(hub: HubContext, actor: Actor, query: AlertsQuery): Promise<{ items: AlertView[]; next_cursor: string | null }> {
  requireScope(actor, 'read');
  const db = forwardingDb(hub.store.db);
  let q = db.selectFrom('alerts').selectAll();
  if (actor.organizationIds !== null) {
    if (actor.organizationIds.length === 0) return { items: [], next_cursor: null };
    q = q.where('organization_id', 'in', actor.organizationIds);
  }
  if (query.organization_id !== undefined) q = q.where('organization_id', '=', query.organization_id);
  if (query.status === 'open') q = q.where('acknowledged_at', 'is', null);
  if (query.status === 'acknowledged') q = q.where('acknowledged_at', 'is not', null);
  if (query.rule !== undefined) q = q.where('rule_id', '=', query.rule);
  if (query.severity !== undefined) q = q.where('severity', '=', query.severity);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  const rows = await q.orderBy('id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  return { items: page.map(toAlertView), next_cursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null };
}

/** Marks an alert acknowledged (again is a no-op); a limited token only for its organizations' alerts. */
export async function acknowledgeAlert(hub: HubContext, actor: Actor, id: string): Promise<AlertView> {
  requireScope(actor, 'operate');
  const db = forwardingDb(hub.store.db);
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new HubError('not_found', { message: 'No alert with this id.' });
  const meta = { action: 'alerts.acknowledge', organizationId: row.organization_id, targetType: 'alert', targetId: id };
  if (actor.organizationIds !== null && (row.organization_id === null || !canAccessOrganization(actor, row.organization_id))) {
    const error = new HubError('forbidden', { message: 'This token is not allowed to access that organization.', details: { reason: 'organization_limited' } });
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  if (row.acknowledged_at !== null) return toAlertView(row);
  return auditedWrite(hub, actor, meta, async (t: Transaction<Database>) => {
    const trx = forwardingTrx(t);
    await trx
      .updateTable('alerts')
      .set({ acknowledged_at: hub.now().toISOString(), acknowledged_by: actor.tokenId ?? actor.kind })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .execute();
    return toAlertView(await trx.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

function ruleView(rule: AlertRule, settings: RuleSettingsMap): AlertRuleView {
  const fleet = effectiveRuleSettings(settings, rule, null);
  const scopes = settings.get(rule.id) ?? new Map();
  return {
    id: rule.id,
    kind: rule.kind,
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    log_types: [...rule.logTypes],
    duo_actions: [...rule.duoActions],
    defaults: rule.kind === 'rate' ? { ...rule.defaults } : null,
    fleet: { enabled: fleet.enabled, params: fleet.params },
    organizations: [...scopes.entries()]
      .filter(([scope]) => scope !== FLEET_SCOPE)
      .map(([scope, s]) => ({ organization_id: scope, enabled: s.enabled, threshold: s.params?.threshold ?? null, window_minutes: s.params?.window_minutes ?? null })),
  };
}

/** Every rule with its defaults, fleet-wide settings and organization settings. */
export async function listAlertRules(hub: HubContext, actor: Actor): Promise<AlertRuleView[]> {
  requireScope(actor, 'read');
  requireUnlimited(actor);
  const settings = await loadRuleSettings(forwardingDb(hub.store.db));
  return ALERT_RULES.map((r) => ruleView(r, settings));
}

/**
 * Sets a rule's settings fleet-wide or for one organization: `enabled`, and for the rate rule
 * `threshold` (N) and `window_minutes` (M). Null clears a setting; a scope with none left is removed.
 */
export async function updateAlertRule(hub: HubContext, actor: Actor, id: string, patch: AlertRulePatchInput): Promise<AlertRuleView> {
  requireScope(actor, 'admin');
  requireUnlimited(actor);
  const rule = findAlertRule(id);
  if (!rule) throw new HubError('not_found', { message: 'No alert rule with this id.' });
  const scope = patch.organization_id ?? FLEET_SCOPE;
  const meta = { action: 'alert_rules.update', organizationId: patch.organization_id, targetType: 'alert_rule', targetId: id, inputs: patch };
  const issues = [];
  if (rule.kind !== 'rate') {
    if (patch.threshold !== undefined && patch.threshold !== null) issues.push({ in: 'body', field: 'threshold', message: 'is only for the repeated_denials rule' });
    if (patch.window_minutes !== undefined && patch.window_minutes !== null) issues.push({ in: 'body', field: 'window_minutes', message: 'is only for the repeated_denials rule' });
  }
  if (patch.organization_id) {
    const org = await hub.store.db.selectFrom('organizations').select('id').where('id', '=', patch.organization_id).executeTakeFirst();
    if (!org) issues.push({ in: 'body', field: 'organization_id', message: 'is not an organization of this hub' });
  }
  if (issues.length > 0) {
    const error = new HubError('validation_failed', { details: issues });
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  return auditedWrite(hub, actor, meta, async (t: Transaction<Database>) => {
    const trx = forwardingTrx(t);
    const current = await trx.selectFrom('alert_rule_settings').selectAll().where('rule_id', '=', id).where('scope', '=', scope).executeTakeFirst();
    const params: Record<string, number> = current?.params ? (JSON.parse(current.params) as Record<string, number>) : {};
    for (const key of ['threshold', 'window_minutes'] as const) {
      const value = patch[key];
      if (value === null) delete params[key];
      else if (value !== undefined) params[key] = value;
    }
    const enabled = patch.enabled === undefined ? (current?.enabled ?? null) : patch.enabled === null ? null : patch.enabled ? 1 : 0;
    const paramsJson = Object.keys(params).length > 0 ? JSON.stringify(params) : null;
    await trx.deleteFrom('alert_rule_settings').where('rule_id', '=', id).where('scope', '=', scope).execute();
    if (enabled !== null || paramsJson !== null) {
      await trx.insertInto('alert_rule_settings').values({ rule_id: id, scope, enabled, params: paramsJson, updated_at: hub.now().toISOString() }).execute();
    }
    return ruleView(rule, await loadRuleSettings(trx));
  });
}
