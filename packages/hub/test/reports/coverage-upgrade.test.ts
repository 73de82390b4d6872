import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/access/actor.js';
import type { HubContext } from '../../src/hub-context.js';
import { coverageDb } from '../../src/jobs/mfa-coverage/coverage-tables.js';
import { loadCoverageDiff, loadCoverageReport } from '../../src/reports/mfa-coverage-history/coverage-report.js';
import { coveragePercentages, emptyCounts } from '../../src/reports/mfa-coverage/index.js';
import { hubMigrations } from '../../src/store/migrations/hub-migrations.js';
import { openDatabase } from '../../src/store/open-database.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const counts = { ...emptyCounts(), users: 3, mfa: 1, noMfa: 2 };
const user = (n: number) => ({ user_id: `DU${n}`, username: `user${n}`, email: null, status: 'active', last_login: null, riskyBypass: false });

/**
 * A store written before migration 0015 (its snapshot rows hold the users without MFA inside
 * `coverage`), then opened by this version: the migration adds the column and rewrites nothing, and
 * reports, figures-only reports and diffs read the old rows as they read them before.
 */
describe('a coverage snapshot stored before migration 0015, after upgrading (SQLite)', () => {
  it('reads with its users without MFA, as figures alone, and in a diff against a snapshot written since', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-upgrade-'));
    dirs.push(dataDir);
    const upTo0014 = Object.fromEntries(Object.entries(hubMigrations).filter(([name]) => name < '0015'));
    expect(Object.keys(upTo0014)).toHaveLength(Object.keys(hubMigrations).length - 1);
    const old = await openDatabase({ dataDir, migrations: upTo0014 });
    const snapshot = async (db: typeof old.db, id: string, takenAt: string, row: Record<string, unknown>) => {
      const c = coverageDb(db);
      await c
        .insertInto('coverage_runs')
        .values({ id, integration_id: 'int_1', status: 'done', trigger: 'api', requested_by: null, schedule_slot: null, now_ms: Date.parse(takenAt), accounts_total: 1, accounts_done: 1, accounts_failed: 0, users_seen: 3, error: null, created_at: takenAt, started_at: takenAt, finished_at: takenAt })
        .execute();
      await c.insertInto('coverage_snapshots').values({ id, integration_id: 'int_1', taken_at: takenAt, finished_at: takenAt, totals: '{}' }).execute();
      await db.insertInto('coverage_snapshot_rows' as never).values({ snapshot_id: id, account_id: 'DA1', seq: 0, organization_id: null, organization_name: null, duo_account_name: 'Acme', status: 'ok', users: 3, mfa: 1, no_mfa: 2, mfa_user_ids: '["DU9"]', error: null, ...row } as never).execute();
    };
    const figures = { counts, percentages: coveragePercentages(counts), scan: { userPages: 1, bypassCodePages: 1, bypassCodes: 0, duoTotalUsers: 3, duplicatesDropped: 0, consistent: true } };
    // As 0013-0014 wrote it: the list inside `coverage` (there is no list column yet).
    await snapshot(old.db, 'cov_old', '2026-12-01T00:00:00.000Z', { coverage: JSON.stringify({ ...figures, usersWithoutMfa: [user(1), user(2)] }) });
    await old.db.destroy();

    const upgraded = await openDatabase({ dataDir });
    try {
      const stored = await coverageDb(upgraded.db).selectFrom('coverage_snapshot_rows').select(['users_without_mfa', 'coverage']).execute();
      expect(stored).toEqual([{ users_without_mfa: null, coverage: JSON.stringify({ ...figures, usersWithoutMfa: [user(1), user(2)] }) }]);
      // Written since: the list in its column (user 2 gained MFA, user 3 is new without it).
      await snapshot(upgraded.db, 'cov_new', '2026-12-02T00:00:00.000Z', { coverage: JSON.stringify(figures), users_without_mfa: JSON.stringify([user(1), user(3)]) });
      const hub = { store: { db: upgraded.db } } as unknown as HubContext;
      const full = await loadCoverageReport(hub, systemActor, { id: 'cov_old' });
      expect(full.organizations[0]!.users_without_mfa.map((u) => u.user_id)).toEqual(['DU1', 'DU2']);
      const figuresOnly = await loadCoverageReport(hub, systemActor, { id: 'cov_old' }, { includeUsers: false });
      expect(figuresOnly.organizations[0]).not.toHaveProperty('users_without_mfa');
      expect(figuresOnly.totals).toEqual(full.totals);
      const diff = await loadCoverageDiff(hub, systemActor, { from: 'cov_old', to: 'cov_new' });
      expect(diff.organizations[0]!.new_without_mfa.map((u) => u.user_id)).toEqual(['DU3']);
      expect(diff.organizations[0]!.removed_without_mfa.map((u) => u.user_id)).toEqual(['DU2']);
    } finally {
      await upgraded.db.destroy();
    }
  });
});
