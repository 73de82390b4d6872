import type { Actor } from '../../access/actor.js';
import { HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { coverageDb, type CoverageSnapshotRowsTable } from '../../jobs/mfa-coverage/coverage-tables.js';
import { addCounts, coveragePercentages, emptyCounts, type ScanError } from '../mfa-coverage/index.js';
import { countsView, noMfaUserView, percentagesView, scanStatsView, type CoverageCountsView, type CoveragePercentagesView, type NoMfaUserView, type ScanStatsView } from './coverage-view.js';
import { diffCoverage, type AccountDiff, type DiffSide } from './diff-coverage.js';
import { parseAtParam } from './parse-at-param.js';
import { parseStoredCoverage, storedUsersWithoutMfa, type StoredCoverage } from './stored-coverage.js';

/** Which snapshot: by id (the run's id), else the latest at or before `at`, else the latest. */
export interface SnapshotSelector {
  id?: string | undefined;
  /** A date (end of that day, UTC) or an ISO date-time. */
  at?: string | undefined;
  integrationId?: string | undefined;
}

/** Which of a snapshot's organizations a report shows (beyond what the caller may see): one, by hub organization id or Duo account id. */
export interface ReportScope {
  organization?: string | undefined;
}

/** A snapshot's identity. */
export interface SnapshotRef {
  id: string;
  integration_id: string;
  taken_at: string;
  finished_at: string;
}

/** One organization (Duo account) in a report; unmapped accounts carry only their Duo name. */
export interface OrganizationCoverage {
  /** The hub organization's name, or the Duo account's name when unmapped. */
  name: string;
  organization_id: string | null;
  duo_account_id: string;
  duo_account_name: string;
  status: 'ok' | 'failed';
  users: number;
  mfa: number;
  no_mfa: number;
  mfa_percent: number;
  counts: CoverageCountsView | null;
  percentages: CoveragePercentagesView | null;
  users_without_mfa: NoMfaUserView[];
  scan: ScanStatsView | null;
  error: ScanError | null;
}

/** Totals over the organizations a report shows. */
export interface CoverageReportTotals {
  organizations: number;
  scanned: number;
  failed: number;
  counts: CoverageCountsView;
  percentages: CoveragePercentagesView;
}

/** An organization without its list of users without MFA: what a table or a dashboard shows. */
export type OrganizationCoverageSummary = Omit<OrganizationCoverage, 'users_without_mfa'>;

/** A coverage report: one snapshot, as the caller may see it. */
export interface CoverageReport<Organization extends OrganizationCoverageSummary = OrganizationCoverage> {
  snapshot: SnapshotRef;
  totals: CoverageReportTotals;
  organizations: Organization[];
}

/** A report without the users without MFA (`include_users=false`): a few hundred bytes an organization, whatever its size. */
export type CoverageSummary = CoverageReport<OrganizationCoverageSummary>;

/** Finds a snapshot; `not_found` when none matches, `validation_failed` for an unreadable `at`. */
export async function resolveSnapshot(hub: HubContext, selector: SnapshotSelector, field = 'at'): Promise<SnapshotRef> {
  const db = coverageDb(hub.store.db);
  let query = db.selectFrom('coverage_snapshots').select(['id', 'integration_id', 'taken_at', 'finished_at']);
  if (selector.id) query = query.where('id', '=', selector.id);
  if (selector.integrationId) query = query.where('integration_id', '=', selector.integrationId);
  if (selector.at !== undefined) {
    const at = parseAtParam(selector.at);
    if (!at) throw new HubError('validation_failed', { details: [{ in: 'query', field, message: 'must be a date (YYYY-MM-DD) or an ISO-8601 date-time' }] });
    query = query.where('taken_at', '<=', at);
  }
  const found = await query.orderBy('taken_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!found) {
    const what = selector.id ? 'with that id' : selector.at !== undefined ? `at or before ${selector.at}` : 'yet';
    throw new HubError('not_found', { message: `No MFA coverage snapshot ${what}.` });
  }
  return found;
}

/** A snapshot row as a report reads it: everything but the ids of users with MFA, which only diffs need, and the users without MFA unless asked for. */
type ReportRow = Omit<CoverageSnapshotRowsTable, 'mfa_user_ids' | 'users_without_mfa'> & { users_without_mfa?: string | null };
const FIGURE_COLUMNS = ['snapshot_id', 'account_id', 'seq', 'organization_id', 'organization_name', 'duo_account_name', 'status', 'users', 'mfa', 'no_mfa', 'coverage', 'error'] as const;
const REPORT_COLUMNS = [...FIGURE_COLUMNS, 'users_without_mfa'] as const;

/** Which columns a read of snapshot rows takes: the figures, their users without MFA too, or everything (diffs). */
type RowColumns = 'figures' | 'report' | 'all';

async function visibleRows(hub: HubContext, actor: Actor, snapshotId: string, scope: ReportScope, columns: 'figures' | 'report'): Promise<ReportRow[]>;
async function visibleRows(hub: HubContext, actor: Actor, snapshotId: string, scope: ReportScope, columns: 'all'): Promise<CoverageSnapshotRowsTable[]>;
async function visibleRows(hub: HubContext, actor: Actor, snapshotId: string, scope: ReportScope, columns: RowColumns): Promise<ReportRow[]> {
  const rows = coverageDb(hub.store.db).selectFrom('coverage_snapshot_rows');
  // A report leaves the MFA users' ids (about a quarter of a row's bytes) in the store, and the figures
  // alone leave the users without MFA there too (nearly all the rest).
  let query = (columns === 'all' ? rows.selectAll() : rows.select(columns === 'report' ? REPORT_COLUMNS : FIGURE_COLUMNS)).where('snapshot_id', '=', snapshotId).orderBy('seq');
  const one = scope.organization;
  // An organization by its id, or an account (mapped or not) by its Duo id: what the web UI's and the CLI's drill-downs name.
  if (one !== undefined) query = query.where((eb) => eb.or([eb('organization_id', '=', one), eb('account_id', '=', one)]));
  if (actor.organizationIds !== null) {
    // A limited token sees its organizations' rows only; unmapped accounts belong to no one's limit.
    if (actor.organizationIds.length === 0) return [];
    query = query.where('organization_id', 'in', actor.organizationIds);
  }
  return query.execute();
}

function toOrganization(row: ReportRow, coverage: StoredCoverage | null, includeUsers: boolean): OrganizationCoverageSummary {
  return {
    name: row.organization_name ?? row.duo_account_name,
    organization_id: row.organization_id,
    duo_account_id: row.account_id,
    duo_account_name: row.duo_account_name,
    status: row.status,
    users: Number(row.users),
    mfa: Number(row.mfa),
    no_mfa: Number(row.no_mfa),
    mfa_percent: coverage?.percentages.mfa ?? 0,
    counts: coverage ? countsView(coverage.counts) : null,
    percentages: coverage ? percentagesView(coverage.percentages) : null,
    // Where it always was (before `scan`), when asked for: the answer's key order stays as clients have seen it.
    ...(includeUsers ? { users_without_mfa: storedUsersWithoutMfa({ coverage: row.coverage, users_without_mfa: row.users_without_mfa ?? null }, coverage).map(noMfaUserView) } : {}),
    scan: coverage ? scanStatsView(coverage.scan) : null,
    error: row.error ? (JSON.parse(row.error) as ScanError) : null,
  };
}

/**
 * The report of one snapshot, limited to the organizations the actor may see (a limited token's
 * totals cover its organizations only); without each organization's users without MFA when
 * `includeUsers` is false (at 40 x 2,500: 3.09 MB with them, 42 kB without, read from the figures
 * alone: the lists stay in the store).
 */
export async function loadCoverageReport(hub: HubContext, actor: Actor, selector: SnapshotSelector, options?: ReportScope & { includeUsers?: true }): Promise<CoverageReport>;
export async function loadCoverageReport(hub: HubContext, actor: Actor, selector: SnapshotSelector, options: ReportScope & { includeUsers: boolean }): Promise<CoverageSummary>;
export async function loadCoverageReport(hub: HubContext, actor: Actor, selector: SnapshotSelector, options: ReportScope & { includeUsers?: boolean } = {}): Promise<CoverageSummary> {
  const includeUsers = options.includeUsers ?? true;
  const snapshot = await resolveSnapshot(hub, selector);
  const rows = await visibleRows(hub, actor, snapshot.id, options, includeUsers ? 'report' : 'figures');
  const counts = emptyCounts();
  let scanned = 0;
  // Each stored coverage is parsed once, for its organization and the totals.
  const organizations = rows.map((row) => {
    const coverage = parseStoredCoverage(row.coverage);
    if (row.status === 'ok' && coverage) {
      scanned += 1;
      addCounts(counts, coverage.counts);
    }
    return toOrganization(row, coverage, includeUsers);
  });
  const totals = { organizations: rows.length, scanned, failed: rows.length - scanned, counts: countsView(counts), percentages: percentagesView(coveragePercentages(counts)) };
  return { snapshot, totals, organizations };
}

/** A diff between two snapshots of one integration. */
export interface CoverageDiff {
  from: SnapshotRef;
  to: SnapshotRef;
  totals: { lost_mfa: number; gained_mfa: number; new_without_mfa: number; removed_without_mfa: number };
  organizations: AccountDiff[];
}

/**
 * Who lost or gained MFA and who is new without it, between `from` and `to` (ids or dates; `to`
 * defaults to the latest snapshot). Both must be snapshots of one integration.
 */
export async function loadCoverageDiff(
  hub: HubContext,
  actor: Actor,
  input: { from: string; to?: string | undefined; integrationId?: string | undefined },
): Promise<CoverageDiff> {
  const pick = (value: string | undefined, field: string) =>
    value === undefined
      ? resolveSnapshot(hub, { integrationId: input.integrationId }, field)
      : value.startsWith('cov_')
        ? resolveSnapshot(hub, { id: value, integrationId: input.integrationId }, field)
        : resolveSnapshot(hub, { at: value, integrationId: input.integrationId }, field);
  const to = await pick(input.to, 'to');
  const from = await pick(input.from, 'from');
  if (from.integration_id !== to.integration_id) {
    throw new HubError('validation_failed', { details: [{ in: 'query', field: 'from', message: 'from and to must be snapshots of the same integration (pass integration_id)' }] });
  }
  const side = (row: CoverageSnapshotRowsTable): DiffSide => {
    return {
      account_id: row.account_id,
      organization_id: row.organization_id,
      name: row.organization_name ?? row.duo_account_name,
      status: row.status,
      usersWithoutMfa: storedUsersWithoutMfa(row),
      mfaUserIds: row.mfa_user_ids ? (JSON.parse(row.mfa_user_ids) as string[]) : null,
    };
  };
  const organizations = diffCoverage((await visibleRows(hub, actor, from.id, {}, 'all')).map(side), (await visibleRows(hub, actor, to.id, {}, 'all')).map(side));
  const totals = { lost_mfa: 0, gained_mfa: 0, new_without_mfa: 0, removed_without_mfa: 0 };
  for (const o of organizations) {
    totals.lost_mfa += o.lost_mfa.length;
    totals.gained_mfa += o.gained_mfa.length;
    totals.new_without_mfa += o.new_without_mfa.length;
    totals.removed_without_mfa += o.removed_without_mfa.length;
  }
  return { from, to, totals, organizations };
}
