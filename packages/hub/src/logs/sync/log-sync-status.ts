import { requireScope, type Actor } from '../../access/actor.js';
import type { HubContext } from '../../hub-context.js';
import type { LogType } from '../log-tables.js';
import { LOG_SOURCES } from './log-sources.js';
import type { LogSyncError } from './log-sync-error.js';
import { logSyncDb } from './log-sync-tables.js';

/**
 * Where one unit stands: `queued` (requested, waiting for a runner), `running` (held under a live
 * lease), `failed` (its last run failed and nothing is requested), `idle` (synced as requested),
 * `removed` (its account left the integration's account list).
 */
export type LogSyncState = 'idle' | 'queued' | 'running' | 'failed' | 'removed';

/** One account and log type as `GET /api/logs/sync` shows it. */
export interface LogSyncUnitView {
  integration_id: string;
  duo_account_id: string;
  account_name: string | null;
  /** The organization mapped to the account now; null when none is. */
  organization_id: string | null;
  log_type: LogType;
  state: LogSyncState;
  /** Every entry before this instant is stored (ISO); null before the first sync. */
  synced_through: string | null;
  /** How far behind now the stored log is, in seconds (now - synced_through); null before the first sync. */
  lag_seconds: number | null;
  /** Entries stored now for the account and type. */
  events_stored: number;
  last_started_at: string | null;
  last_finished_at: string | null;
  /** Rows read and rows newly stored by the last finished run. */
  last_run: { fetched: number; inserted: number };
  last_error: LogSyncError | null;
  /** The replica holding the unit while it runs. */
  held_by: string | null;
  /** The replica whose run last finished. */
  processed_by: string | null;
}

/** Filters of the status. */
export interface LogSyncStatusQuery {
  integrationId?: string | undefined;
  organizationId?: string | undefined;
}

/**
 * Every unit's status, ordered by integration, account and log type. A token limited to
 * organizations sees only the units of Duo accounts mapped to its organizations (chosen in SQL);
 * asking for another organization matches nothing.
 */
export async function loadLogSyncStatus(hub: HubContext, actor: Actor, query: LogSyncStatusQuery = {}): Promise<LogSyncUnitView[]> {
  requireScope(actor, 'read');
  const db = logSyncDb(hub.store.db);
  const limit = actor.organizationIds;
  let orgs: string[] | null = limit === null ? null : [...limit];
  if (query.organizationId !== undefined) orgs = orgs === null ? [query.organizationId] : orgs.filter((id) => id === query.organizationId);
  if (orgs !== null && orgs.length === 0) return [];

  let units = db
    .selectFrom('log_checkpoints as c')
    .leftJoin('organizations as o', (join) => join.onRef('o.integration_id', '=', 'c.integration_id').onRef('o.duo_account_id', '=', 'c.duo_account_id'))
    .selectAll('c')
    .select('o.id as organization_id');
  if (query.integrationId !== undefined) units = units.where('c.integration_id', '=', query.integrationId);
  if (orgs !== null) units = units.where('o.id', 'in', orgs);
  const rows = await units.orderBy('c.integration_id').orderBy('c.duo_account_id').orderBy('c.log_type').orderBy('o.id').execute();

  const nowMs = hub.now().getTime();
  const nowIso = new Date(nowMs).toISOString();
  const order = (type: string) => LOG_SOURCES.findIndex((s) => s.type === type);
  const seen = new Set<string>();
  const out: LogSyncUnitView[] = [];
  for (const r of rows) {
    const key = `${r.integration_id}|${r.duo_account_id}|${r.log_type}`;
    // An account mapped to two organizations shows once (the first by id).
    if (seen.has(key)) continue;
    seen.add(key);
    const through = r.synced_through === null ? null : Number(r.synced_through);
    const running = r.lease_expires_at !== null && r.lease_expires_at > nowIso;
    const due = Number(r.request_seq) > Number(r.done_seq);
    const state: LogSyncState = r.removed_at !== null ? 'removed' : running ? 'running' : due ? 'queued' : r.last_error !== null ? 'failed' : 'idle';
    out.push({
      integration_id: r.integration_id,
      duo_account_id: r.duo_account_id,
      account_name: r.account_name,
      organization_id: r.organization_id,
      log_type: r.log_type,
      state,
      synced_through: through === null ? null : new Date(through).toISOString(),
      lag_seconds: through === null ? null : Math.max(0, Math.round((nowMs - through) / 1000)),
      events_stored: Number(r.events_stored),
      last_started_at: r.last_started_at,
      last_finished_at: r.last_run_at,
      last_run: { fetched: Number(r.last_fetched), inserted: Number(r.last_inserted) },
      last_error: parseError(r.last_error),
      held_by: running ? r.replica_id : null,
      processed_by: r.processed_by,
    });
  }
  return out.sort((a, b) => a.integration_id.localeCompare(b.integration_id) || accountOrder(a, b) || order(a.log_type) - order(b.log_type));
}

/** The parent first, then children by name. */
function accountOrder(a: LogSyncUnitView, b: LogSyncUnitView): number {
  if (a.duo_account_id === b.duo_account_id) return 0;
  if (a.duo_account_id === 'parent') return -1;
  if (b.duo_account_id === 'parent') return 1;
  return (a.account_name ?? '').localeCompare(b.account_name ?? '') || a.duo_account_id.localeCompare(b.duo_account_id);
}

function parseError(text: string | null): LogSyncError | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as LogSyncError;
    return typeof v === 'object' && v !== null && typeof v.message === 'string' ? v : { kind: 'internal', message: 'unreadable error' };
  } catch {
    return { kind: 'internal', message: 'unreadable error' };
  }
}
