import type { Kysely } from 'kysely';
import { forwardingDb, type AlertsTable } from '../logs/forwarding/forwarding-tables.js';
import { findAlertRule } from '../logs/alerts/alert-rules.js';
import { effectiveRuleSettings, type RuleSettingsMap } from '../logs/alerts/alert-rule-settings.js';
import { queueAlert } from '../logs/alerts/evaluate-alerts.js';
import type { Database } from '../store/database.js';
import { newId } from '../store/new-id.js';
import type { FieldDrift } from './compare-baseline.js';

/** The alert rule baseline checks raise. */
export const BASELINE_DRIFT_RULE = 'baseline_drift';

/** What one newly drifted field's alert is about. */
export interface DriftAlertInput {
  baseline: { id: string; name: string };
  organization: { id: string; name: string; integrationId: string; duoAccountId: string };
  checkId: string;
  drift: FieldDrift;
  nowMs: number;
}

/** A value short enough for an alert's title and details (they are for people and pagers). */
function brief(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'null');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * Stores the `baseline_drift` alert of one newly drifted field and queues it for the destinations
 * that take alerts of the organization, in the caller's transaction (the outbox the log rules use),
 * unless the rule is turned off for the organization. The dedupe key names the check, so one
 * check's field alerts once whatever retries do. Answers the alert, or undefined.
 */
export async function raiseDriftAlert(trx: Kysely<Database>, settings: RuleSettingsMap, input: DriftAlertInput): Promise<AlertsTable | undefined> {
  const rule = findAlertRule(BASELINE_DRIFT_RULE)!;
  if (!effectiveRuleSettings(settings, rule, input.organization.id).enabled) return undefined;
  const db = forwardingDb(trx);
  const nowIso = new Date(input.nowMs).toISOString();
  const { baseline, organization, drift } = input;
  const alert: AlertsTable = {
    id: newId('alr', input.nowMs),
    rule_id: rule.id,
    dedupe_key: `${baseline.id}|${organization.id}|${drift.field}|${input.checkId}`,
    severity: rule.severity,
    title: `Baseline "${baseline.name}": ${drift.field} drifted in ${organization.name} (wanted ${brief(drift.wanted)}, actual ${brief(drift.actual)})`.slice(0, 300),
    organization_id: organization.id,
    integration_id: organization.integrationId,
    duo_account_id: organization.duoAccountId,
    log_type: 'baseline_check',
    event_id: input.checkId,
    username: null,
    occurred_at: input.nowMs,
    details: JSON.stringify({ baseline_id: baseline.id, baseline_name: baseline.name, field: drift.field, wanted: brief(drift.wanted), actual: brief(drift.actual) }),
    created_at: nowIso,
    acknowledged_at: null,
    acknowledged_by: null,
  };
  const inserted = await db
    .insertInto('alerts')
    .values(alert)
    .onConflict((oc) => oc.columns(['rule_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;
  await queueAlert(db, alert, nowIso);
  return alert;
}
