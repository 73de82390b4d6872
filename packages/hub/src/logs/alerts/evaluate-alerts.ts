import type { LogEventsTable } from '../log-tables.js';
import { destinationFilter, filterTakesAlert } from '../forwarding/destination-filter.js';
import { isoMinus } from '../forwarding/fill-outbox.js';
import type { AlertsTable, ForwardingDb } from '../forwarding/forwarding-tables.js';
import { newId } from '../../store/new-id.js';
import { ALERT_RULES, denialBurstCandidate, denialBurstTriggers, type AlertCandidate, type AlertRule, type CountedEvent, type RuleEvent } from './alert-rules.js';
import { effectiveRuleSettings, loadRuleSettings } from './alert-rule-settings.js';

/** The `log_forwarding_state` row holding the alert scanner's lease and watermark. */
export const ALERTS_STATE = 'alerts';

/** How one alert pass reads. */
export interface EvaluateOptions {
  nowMs: number;
  safetyWindowMs: number;
  pageSize: number;
  /** Rescan the safety window behind the watermark (see fill-outbox.ts: the same reasoning). */
  sweep: boolean;
}

/** What one pass did. */
export interface EvaluateResult {
  evaluated: number;
  created: AlertsTable[];
}

/** A stored event as rules see it. */
export function toRuleEvent(row: LogEventsTable): RuleEvent {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    raw = {};
  }
  return {
    id: row.id,
    integration_id: row.integration_id,
    duo_account_id: row.duo_account_id,
    organization_id: row.organization_id,
    log_type: row.log_type,
    occurred_at: Number(row.occurred_at),
    username: row.username,
    result: row.result,
    reason: row.reason,
    event_type: row.event_type,
    raw,
  };
}

const COUNTED_RESULTS = ['denied', 'DENIED', 'Denied', 'failure', 'FAILURE', 'Failure'];

/**
 * Evaluates every rule on events stored since the alert watermark, exactly like a destination's
 * outbox scan (a watermark over `ingested_at` with a rescanned safety window; `alert_evaluated_events`
 * is the dedupe, so a rescan never evaluates an event twice). Alerts are unique per (rule, dedupe
 * key): the event's id, or for the rate rule account, user and triggering denial, so even two
 * evaluations of one event store one alert. Each new alert is queued, in the same transaction, for
 * every destination that takes alerts of its organization (the transactional outbox).
 * Runs under the `alerts` lease, so one replica evaluates at a time.
 */
export async function evaluateAlerts(db: ForwardingDb, options: EvaluateOptions): Promise<EvaluateResult> {
  const nowIso = new Date(options.nowMs).toISOString();
  await db
    .insertInto('log_forwarding_state')
    .values({ name: ALERTS_STATE, holder: null, lease_expires_at: null, watermark: null, scan_from: null, updated_at: nowIso })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const state = await db.selectFrom('log_forwarding_state').select(['watermark', 'scan_from']).where('name', '=', ALERTS_STATE).executeTakeFirst();
  let watermark = state?.watermark ?? null;
  let from = state?.scan_from ?? '';
  if (watermark === null) {
    // Rules look at events stored from now on (no look-back either): history is for searching, not for paging someone.
    watermark = nowIso;
    from = nowIso;
    await db.updateTable('log_forwarding_state').set({ watermark, scan_from: from, updated_at: nowIso }).where('name', '=', ALERTS_STATE).execute();
  }
  const sweep = options.sweep;
  const back = sweep ? isoMinus(watermark, options.safetyWindowMs) : watermark;
  const lower = back > from ? back : from;
  const newest = ((await db.selectFrom('log_events').select((eb) => eb.fn.max('ingested_at').as('n')).executeTakeFirst())?.n as string | null | undefined) ?? '';
  const settings = await loadRuleSettings(db);
  const created: AlertsTable[] = [];
  const firedInPass = new Map<string, number[]>();
  let evaluated = 0;
  for (;;) {
    const rows = await db
      .selectFrom('log_events as e')
      .selectAll('e')
      .where('e.ingested_at', '>=', lower)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('alert_evaluated_events as m').select('m.event_id').whereRef('m.event_id', '=', 'e.id'))))
      .orderBy('e.ingested_at')
      .orderBy('e.id')
      .limit(options.pageSize)
      .execute();
    if (rows.length === 0) break;
    const candidates: Array<{ rule: AlertRule; event: RuleEvent; candidate: AlertCandidate; trigger: CountedEvent }> = [];
    for (const row of rows) {
      const event = toRuleEvent(row);
      for (const rule of ALERT_RULES) {
        if (!rule.logTypes.includes(event.log_type as never)) continue;
        const effective = effectiveRuleSettings(settings, rule, event.organization_id);
        if (!effective.enabled) continue;
        if (rule.kind === 'event') {
          const candidate = rule.match(event);
          if (candidate) candidates.push({ rule, event, candidate, trigger: { id: event.id, occurred_at: event.occurred_at } });
        } else if (rule.kind === 'rate' && rule.counts(event)) {
          for (const c of await rateCandidates(db, rule, event, effective.params!, firedInPass)) candidates.push({ rule, event, ...c });
        }
      }
    }
    await db.transaction().execute(async (trx) => {
      for (const { rule, event, candidate, trigger } of candidates) {
        const alert: AlertsTable = {
          id: newId('alr', options.nowMs),
          rule_id: rule.id,
          dedupe_key: candidate.dedupeKey,
          severity: rule.severity,
          title: candidate.title.slice(0, 300),
          organization_id: event.organization_id,
          integration_id: event.integration_id,
          duo_account_id: event.duo_account_id,
          log_type: event.log_type,
          event_id: trigger.id,
          username: candidate.username,
          occurred_at: trigger.occurred_at,
          details: JSON.stringify(candidate.details),
          created_at: nowIso,
          acknowledged_at: null,
          acknowledged_by: null,
        };
        const inserted = await trx
          .insertInto('alerts')
          .values(alert)
          .onConflict((oc) => oc.columns(['rule_id', 'dedupe_key']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) continue;
        created.push(alert);
        await queueAlert(trx, alert, nowIso);
      }
      await trx
        .insertInto('alert_evaluated_events')
        .values(rows.map((r) => ({ event_id: r.id, ingested_at: r.ingested_at })))
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
    });
    evaluated += rows.length;
    if (rows.length < options.pageSize) break;
  }
  if (newest > watermark) {
    await db.updateTable('log_forwarding_state').set({ watermark: newest, updated_at: nowIso }).where('name', '=', ALERTS_STATE).execute();
    watermark = newest;
  }
  if (sweep) {
    const before = isoMinus(watermark, 2 * options.safetyWindowMs);
    if (before !== '') await db.deleteFrom('alert_evaluated_events').where('ingested_at', '<', before).execute();
  }
  return { evaluated, created };
}

/** Candidates of the rate rule for one counted event (reads the user's denials and earlier alerts around it). */
async function rateCandidates(
  db: ForwardingDb,
  rule: AlertRule,
  event: RuleEvent,
  params: { threshold: number; window_minutes: number },
  firedInPass: Map<string, number[]>,
): Promise<Array<{ candidate: AlertCandidate; trigger: CountedEvent }>> {
  const windowMs = params.window_minutes * 60_000;
  const counted = await db
    .selectFrom('log_events')
    .select(['id', 'occurred_at'])
    .where('username', '=', event.username)
    .where('integration_id', '=', event.integration_id)
    .where('duo_account_id', '=', event.duo_account_id)
    .where('log_type', '=', 'authentication')
    .where('result', 'in', COUNTED_RESULTS)
    .where('occurred_at', '>', event.occurred_at - windowMs)
    .where('occurred_at', '<=', event.occurred_at + windowMs)
    .execute();
  const userKey = `${rule.id}|${event.integration_id}|${event.duo_account_id}|${event.username}`;
  const previous = await db
    .selectFrom('alerts')
    .select('occurred_at')
    .where('rule_id', '=', rule.id)
    .where('integration_id', '=', event.integration_id)
    .where('duo_account_id', '=', event.duo_account_id)
    .where('username', '=', event.username)
    .where('occurred_at', '>', event.occurred_at - windowMs)
    .where('occurred_at', '<', event.occurred_at + 2 * windowMs)
    .execute();
  const fired = [...previous.map((p) => Number(p.occurred_at)), ...(firedInPass.get(userKey) ?? [])];
  const triggers = denialBurstTriggers(
    counted.map((c) => ({ id: c.id, occurred_at: Number(c.occurred_at) })),
    event.occurred_at,
    fired,
    params,
  );
  if (triggers.length > 0) firedInPass.set(userKey, [...(firedInPass.get(userKey) ?? []), ...triggers.map((t) => t.occurred_at)]);
  return triggers.map((trigger) => ({ candidate: denialBurstCandidate(event, trigger, params), trigger }));
}

/**
 * Queues a new alert for every destination that takes alerts of its organization; a disabled one
 * too, so it catches up when enabled again, as it does with events.
 */
export async function queueAlert(db: ForwardingDb, alert: AlertsTable, nowIso: string): Promise<void> {
  const destinations = await db.selectFrom('log_destinations').selectAll().where('include_alerts', '=', 1).execute();
  const takers = destinations.filter((d) => filterTakesAlert(destinationFilter(d), alert));
  if (takers.length === 0) return;
  await db
    .insertInto('log_deliveries')
    .values(
      takers.map((d) => ({
        destination_id: d.id,
        item_id: alert.id,
        item_kind: 'alert' as const,
        partition_key: 'alerts',
        occurred_at: alert.occurred_at,
        ingested_at: alert.created_at,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: null,
        last_error: null,
        delivered_at: null,
        created_at: nowIso,
      })),
    )
    .onConflict((oc) => oc.columns(['destination_id', 'item_id']).doNothing())
    .execute();
}
