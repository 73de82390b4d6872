import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaselineScheduler } from '../../src/baselines/baseline-scheduler.js';
import { baselineDb } from '../../src/baselines/baseline-tables.js';
import { runCli } from '../../src/cli.js';
import type { SchedulerClock } from '../../src/jobs/mfa-coverage/coverage-scheduler.js';
import { forwardingDb } from '../../src/logs/forwarding/forwarding-tables.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';

const databaseUrl = process.env.DATABASE_URL;
const stores = [{ store: 'sqlite', pg: false }, ...(databaseUrl ? [{ store: 'postgres', pg: true }] : [])];

/** `duohub baselines` against a running hub (--url), and the schedule's one check per slot across replicas; on SQLite, and on Postgres when DATABASE_URL is set. */
describe.each(stores)('baselines CLI and schedule ($store)', ({ pg }) => {
  let tempDb: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let emu: TestEmulator;
  let hub: TestHub;
  let dir: string;
  const orgIds: string[] = [];
  const accountIds: string[] = [];

  async function cli(...args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(['node', 'duohub', ...args, '--url', hub.url, '--token', hub.adminToken], {
      io: { out: (t) => void (out += t), err: (t) => void (err += t) },
      env: { DUOHUB_DATA_DIR: dir },
    });
    return { code, out, err };
  }

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: { fleet: { accounts: 2, usersPerAccount: 0 } } });
    tempDb = pg ? await createTempDatabase(databaseUrl!) : undefined;
    hub = await startTestHub(tempDb ? { databaseUrl: tempDb.url } : {});
    dir = await mkdtemp(path.join(tmpdir(), 'duohub-baselines-cli-'));
    const integration = await hub.api('POST', '/api/integrations', { body: { name: 'Fleet', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts } });
    expect(integration.status, integration.text).toBe(201);
    for (const account of Object.values(emu.emulator.state.accounts).filter((a) => a.account_id !== emu.parentId)) {
      const org = await hub.api('POST', '/api/organizations', { body: { name: `Customer ${account.name}`, integration_id: integration.body.id, duo_account_id: account.account_id } });
      expect(org.status, org.text).toBe(201);
      orgIds.push(org.body.id);
      accountIds.push(account.account_id);
    }
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await emu?.close();
    await tempDb?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('create, list, check, drift, export, import, apply and delete by name', async () => {
    const file = path.join(dir, 'customers.yaml');
    await writeFile(file, 'name: customers\nselector:\n  name_pattern: "customer *"\nwanted:\n  settings:\n    sms_batch: 1\n    helpdesk_bypass: allow\n');
    const created = await cli('baselines', 'create', '--file', file);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/^created bln_\w+ \(customers\)\n$/);

    const list = await cli('baselines', 'list');
    expect(list.out).toMatch(/^id\s+name\s+selector\s+check_every\s+last_checked_at\s+drift$/m);
    expect(list.out).toMatch(/customers\s+name:customer \*\s+-\s+-\s+0 org\(s\), 0 field\(s\)/);

    emu.emulator.state.accounts[accountIds[1]!]!.settings.helpdesk_bypass = 'deny';
    const check = await cli('baselines', 'check', 'customers');
    expect(check.code, check.err).toBe(0);
    expect(check.out).toMatch(/drifted\s+settings\.helpdesk_bypass/);
    expect(check.out).toContain('2 organization(s): 1 clean, 1 drifted, 0 error; 1 newly drifted field(s)');

    const drift = await cli('baselines', 'drift', 'customers', '--json');
    expect(drift.code).toBe(0);
    const items = JSON.parse(drift.out).items;
    expect(items.map((d: any) => [d.organization_id, d.field, d.wanted, d.actual])).toEqual([[orgIds[1], 'settings.helpdesk_bypass', 'allow', 'deny']]);
    const table = await cli('baselines', 'drift', 'customers');
    expect(table.out).toMatch(/^organization\s+field\s+wanted\s+actual\s+since$/m);
    expect(table.out).toMatch(/settings\.helpdesk_bypass\s+allow\s+deny\s+\d{4}-\d\d-\d\dT[\d:.]+Z$/m);

    const exported = await cli('baselines', 'export', 'customers', '--format', 'json');
    expect(exported.code).toBe(0);
    const doc = JSON.parse(exported.out);
    expect(doc).toEqual({ name: 'customers', description: null, selector: { name_pattern: 'customer *' }, wanted: { settings: { sms_batch: 1, helpdesk_bypass: 'allow' } }, check_every: null });
    const copy = path.join(dir, 'copy.json');
    await writeFile(copy, JSON.stringify({ ...doc, name: 'customers-2', check_every: '1h' }));
    const imported = await cli('baselines', 'import', copy);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/^created bln_\w+ \(customers-2\)\n$/);
    expect((await cli('baselines', 'export', 'customers-2')).out).toContain('check_every: 1h');

    const apply = await cli('baselines', 'apply', 'customers', '--require-approval', '--json');
    expect(apply.code, apply.out + apply.err).toBe(0);
    const run = JSON.parse(apply.out);
    expect(run).toMatchObject({ status: 'planned', requires_approval: true, source: 'baseline', action_id: 'settings.update' });
    expect(run.counts.total).toBe(1);

    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, 'name: bad\nselector: {all: true}\nwanted:\n  settings:\n    lockout_treshold: 3\n');
    const refused = await cli('baselines', 'create', '--file', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('wanted.settings.lockout_treshold: is not a Duo setting');

    expect((await cli('baselines', 'delete', 'customers-2')).code).toBe(1);
    const deleted = await cli('baselines', 'delete', 'customers-2', '--yes');
    expect(deleted.code, deleted.err).toBe(0);
    expect((await cli('baselines', 'show', 'customers-2')).err).toContain('not_found');
  });

  it('two schedulers (two replicas) check a baseline once per slot', async () => {
    const created = await hub.api('POST', '/api/baselines', { body: { name: 'scheduled', selector: { all: true }, wanted: { settings: { sms_batch: 1 } }, check_every: '6h' } });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    // The replicas' clock: now, and later 6 h on (the next slot); the hub's own clock stays real.
    let nowMs = Date.now();
    const clock: SchedulerClock = { now: () => nowMs, setTimeout: () => 0, clearTimeout: () => {} };
    const replicas = [new BaselineScheduler(hub.hub, { clock }), new BaselineScheduler(hub.hub, { clock })];
    const checks = async () => (await baselineDb(hub.store.db).selectFrom('baseline_checks').select(['checked_at']).where('baseline_id', '=', id).execute()).length;

    await Promise.all(replicas.map((r) => r.start()));
    expect(await checks()).toBe(2);
    await Promise.all(replicas.map((r) => r.start()));
    expect(await checks()).toBe(2);
    nowMs += 6 * 3_600_000;
    await Promise.all(replicas.map((r) => r.start()));
    expect(await checks()).toBe(4);
    const row = await baselineDb(hub.store.db).selectFrom('baselines').select('last_checked_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.last_checked_at).toBe(new Date(nowMs).toISOString());
    await Promise.all(replicas.map((r) => r.stop()));
  });

  it('two checks at once take a field as newly drifted once: one drift row, one alert', async () => {
    const made = await hub.api('POST', '/api/baselines', { body: { name: 'concurrent', selector: { organization_ids: [orgIds[0]] }, wanted: { settings: { sms_batch: 1 } } } });
    expect(made.status, made.text).toBe(201);
    emu.emulator.state.accounts[accountIds[0]!]!.settings.sms_batch = 4;
    const answers = await Promise.all([0, 1, 2].map(() => hub.api('POST', '/api/baselines/concurrent/check')));
    for (const a of answers) expect(a.status, a.text).toBe(200);
    expect(answers.map((a) => a.body.summary.new_drift).sort()).toEqual([0, 0, 1]);
    const alerts = await forwardingDb(hub.store.db).selectFrom('alerts').select(['organization_id', 'title']).where('rule_id', '=', 'baseline_drift').execute();
    expect(alerts.filter((a) => a.title.includes('"concurrent"')).map((a) => a.organization_id)).toEqual([orgIds[0]]);
    const report = (await hub.api('GET', '/api/baselines/concurrent/drift')).body;
    expect(report.items.filter((d: any) => d.field === 'settings.sms_batch').map((d: any) => d.organization_id)).toEqual([orgIds[0]]);
  });
});
