import { requireScope, requireUnlimited, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { HubContext } from '../hub-context.js';
import { forwardingDb } from '../logs/forwarding/forwarding-tables.js';
import { loadRuleSettings, type RuleSettingsMap } from '../logs/alerts/alert-rule-settings.js';
import { newId } from '../store/new-id.js';
import { loadBaseline, loadOrganizations, type BaselineOrganization, type LoadedBaseline } from './baseline-records.js';
import type { BaselineCheckReport, BaselineCheckView } from './baseline-schemas.js';
import { baselineDb, type BaselineChecksTable } from './baseline-tables.js';
import { compareBaseline, type BaselineActual } from './compare-baseline.js';
import { nextDriftRows } from './next-drift-rows.js';
import { raiseDriftAlert } from './raise-drift-alert.js';
import { checkErrorMessage, readAccountState } from './read-account-state.js';
import { selectOrganizations } from './select-organizations.js';

/** Accounts read at once in one check: each is its own Duo rate-limit domain, the hub's pool is shared. */
const CONCURRENCY = 4;

/** How one check runs. */
export interface CheckOptions {
  signal?: AbortSignal;
}

/** Checks a baseline now for an actor (operate scope; tokens not limited to organizations). */
export async function checkBaselineAs(hub: HubContext, actor: Actor, idOrName: string, options: CheckOptions = {}): Promise<BaselineCheckReport> {
  requireScope(actor, 'operate');
  requireUnlimited(actor);
  const baseline = await loadBaseline(hub, idOrName);
  const report = await runBaselineCheck(hub, baseline, options);
  await recordAudit(hub.store.db, hub, actor, { action: 'baselines.check', targetType: 'baseline', targetId: baseline.row.id, inputs: { summary: report.summary } }, 'success');
  return report;
}

type Outcome = { org: BaselineOrganization; actual?: BaselineActual; error?: string };

async function readOne(hub: HubContext, baseline: LoadedBaseline, org: BaselineOrganization, options: CheckOptions): Promise<Outcome> {
  if (!org.integrationId || !org.duoAccountId) return { org, error: 'not_mapped: the organization is not mapped to a Duo account' };
  try {
    return { org, actual: await readAccountState(hub, { id: org.id, integrationId: org.integrationId }, baseline.wanted, options.signal) };
  } catch (error) {
    const message = checkErrorMessage(error);
    if (message.startsWith('internal')) hub.logger.error({ err: error, baseline_id: baseline.row.id, organization_id: org.id }, 'baseline check failed');
    return { org, error: message };
  }
}

/**
 * Checks every organization the baseline selects: reads its account, compares, and records one
 * `baseline_checks` row per organization with the open drift kept in `baseline_drift` (see
 * nextDriftRows for `since`). A field that newly drifts raises one `baseline_drift` alert, in the
 * same transaction as its drift row. An organization whose read failed keeps its open drift as it
 * was. Used by the REST route, the CLI and the schedule alike.
 */
export async function runBaselineCheck(hub: HubContext, baseline: LoadedBaseline, options: CheckOptions = {}): Promise<BaselineCheckReport> {
  const db = baselineDb(hub.store.db);
  const started = hub.now();
  const checkedAt = started.toISOString();
  // Only forward: a scheduled claim (baseline-scheduler.ts) may have stamped this slot already.
  await db
    .updateTable('baselines')
    .set({ last_checked_at: checkedAt })
    .where('id', '=', baseline.row.id)
    .where((eb) => eb.or([eb('last_checked_at', 'is', null), eb('last_checked_at', '<', checkedAt)]))
    .execute();
  const selected = selectOrganizations(baseline.selector, await loadOrganizations(hub));
  const outcomes: Outcome[] = new Array(selected.length);
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const i = next++;
      outcomes[i] = await readOne(hub, baseline, selected[i]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, selected.length) }, worker));

  const ruleSettings = await loadRuleSettings(forwardingDb(hub.store.db));
  const views: BaselineCheckView[] = [];
  let newDrift = 0;
  let alerted = 0;
  for (const outcome of outcomes) {
    const recorded = await recordOutcome(hub, baseline, outcome, checkedAt, started.getTime(), ruleSettings);
    views.push(recorded.view);
    newDrift += recorded.newDrift;
    alerted += recorded.alerts;
  }
  // Organizations no longer selected (untagged, renamed, deleted) have no drift of this baseline.
  let stale = db.deleteFrom('baseline_drift').where('baseline_id', '=', baseline.row.id);
  if (selected.length > 0) stale = stale.where('organization_id', 'not in', selected.map((o) => o.id));
  await stale.execute();
  if (alerted > 0) hub.logger.info({ baseline_id: baseline.row.id, alerts: alerted }, 'baseline drift alerts raised');
  const count = (s: BaselineCheckView['status']) => views.filter((v) => v.status === s).length;
  return {
    baseline_id: baseline.row.id,
    checked_at: checkedAt,
    summary: { organizations: views.length, clean: count('clean'), drifted: count('drifted'), error: count('error'), new_drift: newDrift },
    organizations: views,
  };
}

async function recordOutcome(
  hub: HubContext,
  baseline: LoadedBaseline,
  outcome: Outcome,
  checkedAt: string,
  nowMs: number,
  ruleSettings: RuleSettingsMap,
): Promise<{ view: BaselineCheckView; newDrift: number; alerts: number }> {
  const { org } = outcome;
  const baselineId = baseline.row.id;
  const checkId = newId('blc', nowMs);
  return hub.store.db.transaction().execute(async (trx) => {
    const db = baselineDb(trx);
    // Two checks of one baseline at once (the schedule and a person) must not both take a field as
    // newly drifted: on Postgres the baseline's row serializes them (SQLite runs one writer anyway).
    if (hub.store.dialect === 'postgres') await db.selectFrom('baselines').select('id').where('id', '=', baselineId).forUpdate().execute();
    let row: BaselineChecksTable;
    let newDrift = 0;
    let alerts = 0;
    if (outcome.actual === undefined) {
      row = { id: checkId, baseline_id: baselineId, organization_id: org.id, checked_at: checkedAt, status: 'error', drift: '[]', error: outcome.error ?? 'unknown' };
    } else {
      const previous = await db.selectFrom('baseline_drift').selectAll().where('baseline_id', '=', baselineId).where('organization_id', '=', org.id).execute();
      const update = nextDriftRows(baselineId, org.id, previous, compareBaseline(baseline.wanted, outcome.actual), checkedAt);
      await db.deleteFrom('baseline_drift').where('baseline_id', '=', baselineId).where('organization_id', '=', org.id).execute();
      if (update.rows.length > 0) await db.insertInto('baseline_drift').values(update.rows).execute();
      const drift = update.rows.map((r) => ({ field: r.field, wanted: JSON.parse(r.wanted) as unknown, actual: JSON.parse(r.actual) as unknown, since: r.since }));
      row = { id: checkId, baseline_id: baselineId, organization_id: org.id, checked_at: checkedAt, status: drift.length > 0 ? 'drifted' : 'clean', drift: JSON.stringify(drift), error: null };
      newDrift = update.newlyDrifted.length;
      for (const d of update.newlyDrifted) {
        const alert = await raiseDriftAlert(trx, ruleSettings, {
          baseline: { id: baselineId, name: baseline.row.name },
          organization: { id: org.id, name: org.name, integrationId: org.integrationId!, duoAccountId: org.duoAccountId! },
          checkId,
          drift: d,
          nowMs,
        });
        if (alert) alerts++;
      }
    }
    await db.insertInto('baseline_checks').values(row).execute();
    return { view: toCheckView(row, org.name), newDrift, alerts };
  });
}

/** The API view of a check row. */
export function toCheckView(row: BaselineChecksTable, organizationName: string | null): BaselineCheckView {
  let drift: BaselineCheckView['drift'] = [];
  try {
    const parsed: unknown = JSON.parse(row.drift);
    if (Array.isArray(parsed)) drift = parsed as BaselineCheckView['drift'];
  } catch {
    drift = [];
  }
  return {
    id: row.id,
    baseline_id: row.baseline_id,
    organization_id: row.organization_id,
    organization_name: organizationName,
    checked_at: row.checked_at,
    status: row.status,
    drift,
    error: row.error,
  };
}
