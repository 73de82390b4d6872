import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoverageJobs, type CoverageJobs } from '../../src/jobs/mfa-coverage/coverage-jobs.js';
import { trendPoints, type TrendRow } from '../../src/reports/mfa-coverage-history/coverage-trend.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';
import { waitForRun } from '../jobs/support/hub-setup.js';

const row = (snapshot_id: string, account_id: string, users: number, mfa: number, extra: Partial<TrendRow> = {}): TrendRow => ({
  snapshot_id,
  account_id,
  organization_id: null,
  organization_name: null,
  duo_account_name: `Duo ${account_id}`,
  status: 'ok',
  users,
  mfa,
  ...extra,
});

describe('trendPoints', () => {
  const cases: Array<{ name: string; snapshots: Array<{ id: string; taken_at: string }>; rows: TrendRow[]; expected: unknown }> = [
    { name: 'no snapshots', snapshots: [], rows: [], expected: [] },
    {
      name: 'a snapshot without rows (a limited token outside it) has zero figures',
      snapshots: [{ id: 's1', taken_at: '2026-01-01T00:00:00.000Z' }],
      rows: [],
      expected: [{ snapshot_id: 's1', taken_at: '2026-01-01T00:00:00.000Z', organizations: 0, scanned: 0, failed: 0, users: 0, mfa: 0, mfa_percent: 0, by_organization: [] }],
    },
    {
      name: 'fleet figures sum the scanned accounts; a failed account is listed but not counted',
      snapshots: [{ id: 's1', taken_at: 't1' }],
      rows: [
        row('s1', 'A', 3, 2, { organization_id: 'org_a', organization_name: 'Acme LLC' }),
        row('s1', 'B', 7, 7),
        row('s1', 'C', 9, 1, { status: 'failed' }),
      ],
      expected: [
        {
          snapshot_id: 's1',
          taken_at: 't1',
          organizations: 3,
          scanned: 2,
          failed: 1,
          users: 10,
          mfa: 9,
          mfa_percent: 90,
          by_organization: [
            { duo_account_id: 'A', organization_id: 'org_a', name: 'Acme LLC', status: 'ok', users: 3, mfa: 2, mfa_percent: 66.67 },
            { duo_account_id: 'B', organization_id: null, name: 'Duo B', status: 'ok', users: 7, mfa: 7, mfa_percent: 100 },
            { duo_account_id: 'C', organization_id: null, name: 'Duo C', status: 'failed', users: 0, mfa: 0, mfa_percent: 0 },
          ],
        },
      ],
    },
  ];
  for (const c of cases) it(c.name, () => expect(trendPoints(c.snapshots, c.rows)).toEqual(c.expected));

  it('keeps the order of the snapshots given and files rows under their own snapshot', () => {
    const points = trendPoints(
      [
        { id: 'old', taken_at: '1' },
        { id: 'new', taken_at: '2' },
      ],
      [row('new', 'A', 4, 1), row('old', 'A', 4, 4)],
    );
    expect(points.map((p) => [p.snapshot_id, p.mfa_percent])).toEqual([
      ['old', 100],
      ['new', 25],
    ]);
  });
});

const databaseUrl = process.env.DATABASE_URL;
const stores: Array<[string, boolean]> = [
  ['SQLite', true],
  [databaseUrl ? 'Postgres' : 'Postgres (skipped: DATABASE_URL is unset)', databaseUrl !== undefined],
];

describe.each(stores)('GET /api/reports/mfa-coverage/trend on %s', (_name, enabled) => {
  let emu: TestEmulator;
  let t: TestHub;
  let jobs: CoverageJobs;
  let integrationId: string;
  let tempDb: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  const runs: string[] = [];
  const pg = _name.startsWith('Postgres');

  beforeAll(async () => {
    if (!enabled) return;
    emu = await startTestEmulator({ seed: 'demo' });
    if (pg) tempDb = await createTempDatabase(databaseUrl!);
    t = await startTestHub(tempDb ? { databaseUrl: tempDb.url } : {});
    // In-process runner on either store: the trend reads snapshots, however they were taken.
    jobs = await startCoverageJobs(t.hub, { replicaId: 'trend', pollMs: 50, forceLocal: true });
    const res = await t.api('POST', '/api/integrations', { body: { name: 'trend', base_url: emu.url, ...emu.sets } });
    expect(res.status, res.text).toBe(201);
    integrationId = res.body.id;
  });
  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
    await emu?.close();
    await tempDb?.drop();
  });

  const run = async () => {
    const started = await t.api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
    expect(started.status, started.text).toBe(202);
    const done = await waitForRun(t.api, started.body.id);
    expect(done.status).toBe('done');
    runs.push(started.body.id);
    return started.body.id as string;
  };

  it.skipIf(!enabled)('is empty before the first snapshot', async () => {
    const res = await t.api('GET', '/api/reports/mfa-coverage/trend');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ integration_id: null, points: [] });
  });

  it.skipIf(!enabled)("gives each snapshot's fleet and per-organization MFA-enabled % as its report does, oldest first", async () => {
    const child = emu.emulator.credentials().accounts.find((a) => a.parent_id === emu.parentId)!;
    const org = await t.api('POST', '/api/organizations', { body: { name: 'Trend Client', integration_id: integrationId, duo_account_id: child.account_id } });
    expect(org.status, org.text).toBe(201);
    await run();
    // Between the runs one enrolled user of the mapped account loses every device: its % must drop.
    const account = emu.emulator.state.accounts[child.account_id]!;
    const enrolled = Object.values(account.users).find((u) => u.phone_ids.length > 0 || u.token_ids.length > 0 || u.webauthn.length > 0)!;
    enrolled.phone_ids = [];
    enrolled.token_ids = [];
    enrolled.webauthn = [];
    await run();

    const trend = await t.api('GET', '/api/reports/mfa-coverage/trend');
    expect(trend.status, trend.text).toBe(200);
    expect(trend.body.integration_id).toBe(integrationId);
    expect(trend.body.points.map((p: any) => p.snapshot_id)).toEqual(runs);
    for (const point of trend.body.points) {
      const report = (await t.api('GET', `/api/reports/mfa-coverage?run=${point.snapshot_id}`)).body;
      expect(point.taken_at).toBe(report.snapshot.taken_at);
      expect([point.users, point.mfa, point.mfa_percent]).toEqual([report.totals.counts.users, report.totals.counts.mfa, report.totals.percentages.mfa]);
      expect(point.by_organization).toEqual(
        report.organizations.map((o: any) => ({
          duo_account_id: o.duo_account_id,
          organization_id: o.organization_id,
          name: o.name,
          status: o.status,
          users: o.users,
          mfa: o.mfa,
          mfa_percent: o.mfa_percent,
        })),
      );
    }
    const mapped = (p: any) => p.by_organization.find((o: any) => o.duo_account_id === child.account_id);
    const [first, second] = trend.body.points;
    expect(mapped(second).mfa).toBe(mapped(first).mfa - 1);
    expect(mapped(second).name).toBe('Trend Client');

    // `limit` keeps the latest; a limited token sees its organization's figures only.
    const last = await t.api('GET', '/api/reports/mfa-coverage/trend?limit=1');
    expect(last.body.points.map((p: any) => p.snapshot_id)).toEqual([runs[1]]);
    const limited = await t.api('POST', '/api/tokens', { body: { name: 'trend-limited', scopes: ['read'], organization_ids: [org.body.id] } });
    expect(limited.status, limited.text).toBe(201);
    const mine = await t.api('GET', `/api/reports/mfa-coverage/trend?integration_id=${integrationId}`, { token: limited.body.token });
    expect(mine.status, mine.text).toBe(200);
    for (const p of mine.body.points) {
      expect(p.by_organization.map((o: any) => o.duo_account_id)).toEqual([child.account_id]);
      expect(p.users).toBe(mapped(p).users);
    }
  });

  it.skipIf(!enabled)('rejects a limit out of range and answers an unknown integration with no points', async () => {
    expect((await t.api('GET', '/api/reports/mfa-coverage/trend?limit=0')).status).toBe(400);
    expect((await t.api('GET', '/api/reports/mfa-coverage/trend?limit=367')).status).toBe(400);
    const none = await t.api('GET', '/api/reports/mfa-coverage/trend?integration_id=int_nope');
    expect(none.body).toEqual({ integration_id: 'int_nope', points: [] });
  });
});
