import type { Actor } from '../../access/actor.js';
import type { HubContext } from '../../hub-context.js';
import { coverageDb, type CoverageSnapshotRowsTable } from '../../jobs/mfa-coverage/coverage-tables.js';
import { percent } from '../mfa-coverage/index.js';

/** One account of one snapshot, as a trend reads it (counts only, no user lists). */
export type TrendRow = Pick<
  CoverageSnapshotRowsTable,
  'snapshot_id' | 'account_id' | 'organization_id' | 'organization_name' | 'duo_account_name' | 'status' | 'users' | 'mfa'
>;

/** A snapshot's identity, as a trend reads it. */
export interface TrendSnapshot {
  id: string;
  taken_at: string;
}

/** One organization (Duo account) in one trend point. */
export interface TrendOrganization {
  duo_account_id: string;
  organization_id: string | null;
  name: string;
  status: 'ok' | 'failed';
  users: number;
  mfa: number;
  mfa_percent: number;
}

/** One snapshot in a trend: fleet MFA-enabled figures over the accounts scanned, and each account's. */
export interface TrendPoint {
  snapshot_id: string;
  taken_at: string;
  organizations: number;
  scanned: number;
  failed: number;
  users: number;
  mfa: number;
  mfa_percent: number;
  by_organization: TrendOrganization[];
}

/** The MFA-enabled trend of one integration, oldest snapshot first. */
export interface CoverageTrend {
  /** The integration whose snapshots these are; null when there is no snapshot at all. */
  integration_id: string | null;
  points: TrendPoint[];
}

/** Snapshots a trend shows by default: a month of daily runs. */
export const TREND_DEFAULT_POINTS = 30;
/** Snapshots a trend shows at most: a year of daily runs. */
export const TREND_MAX_POINTS = 366;

/**
 * Folds snapshot rows into trend points, in the order of `snapshots`. Failed accounts are listed but
 * left out of the fleet figures (as in a report's totals), so an outage does not read as lost MFA.
 */
export function trendPoints(snapshots: readonly TrendSnapshot[], rows: readonly TrendRow[]): TrendPoint[] {
  const bySnapshot = new Map<string, TrendRow[]>();
  for (const r of rows) {
    const list = bySnapshot.get(r.snapshot_id);
    if (list) list.push(r);
    else bySnapshot.set(r.snapshot_id, [r]);
  }
  return snapshots.map((s) => {
    const own = bySnapshot.get(s.id) ?? [];
    let users = 0;
    let mfa = 0;
    let scanned = 0;
    for (const r of own) {
      if (r.status !== 'ok') continue;
      scanned += 1;
      users += r.users;
      mfa += r.mfa;
    }
    return {
      snapshot_id: s.id,
      taken_at: s.taken_at,
      organizations: own.length,
      scanned,
      failed: own.length - scanned,
      users,
      mfa,
      mfa_percent: percent(mfa, users),
      by_organization: own.map((r) => ({
        duo_account_id: r.account_id,
        organization_id: r.organization_id,
        name: r.organization_name ?? r.duo_account_name,
        status: r.status,
        users: r.status === 'ok' ? r.users : 0,
        mfa: r.status === 'ok' ? r.mfa : 0,
        mfa_percent: r.status === 'ok' ? percent(r.mfa, r.users) : 0,
      })),
    };
  });
}

/**
 * The last `limit` snapshots of one integration (by default the integration of the latest snapshot)
 * as trend points, oldest first. Reads the count columns only, never the user lists, so a year of
 * daily snapshots stays cheap. A limited token's points cover its organizations only.
 */
export async function loadCoverageTrend(
  hub: HubContext,
  actor: Actor,
  input: { integrationId?: string | undefined; limit?: number | undefined },
): Promise<CoverageTrend> {
  const db = coverageDb(hub.store.db);
  let integrationId = input.integrationId ?? null;
  if (integrationId === null) {
    const latest = await db.selectFrom('coverage_snapshots').select('integration_id').orderBy('taken_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!latest) return { integration_id: null, points: [] };
    integrationId = latest.integration_id;
  }
  const limit = Math.min(TREND_MAX_POINTS, Math.max(1, input.limit ?? TREND_DEFAULT_POINTS));
  const newestFirst = await db
    .selectFrom('coverage_snapshots')
    .select(['id', 'taken_at'])
    .where('integration_id', '=', integrationId)
    .orderBy('taken_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const snapshots = newestFirst.reverse();
  if (snapshots.length === 0 || (actor.organizationIds !== null && actor.organizationIds.length === 0)) {
    return { integration_id: integrationId, points: trendPoints(snapshots, []) };
  }
  let query = db
    .selectFrom('coverage_snapshot_rows')
    .select(['snapshot_id', 'account_id', 'organization_id', 'organization_name', 'duo_account_name', 'status', 'users', 'mfa'])
    .where(
      'snapshot_id',
      'in',
      snapshots.map((s) => s.id),
    )
    .orderBy('snapshot_id')
    .orderBy('seq');
  // Unmapped accounts belong to no one's limit, as in the report.
  if (actor.organizationIds !== null) query = query.where('organization_id', 'in', actor.organizationIds);
  const rows = (await query.execute()).map((r) => ({ ...r, users: Number(r.users), mfa: Number(r.mfa) }));
  return { integration_id: integrationId, points: trendPoints(snapshots, rows) };
}
