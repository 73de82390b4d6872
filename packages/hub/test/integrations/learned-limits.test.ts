import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacerRegistry } from '../../src/integrations/duo-connect-options.js';
import { listPacerStates, loadStoredLimits, resetPacerStates, savePacerState } from '../../src/integrations/pacer-state-records.js';
import { keepLearnedLimits, recallLearnedLimits } from '../../src/integrations/remember-learned-limits.js';
import { runCli } from '../../src/cli.js';
import { startCoverageJobs } from '../../src/jobs/mfa-coverage/coverage-jobs.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { startGatedEmulator, type GatedEmulator } from '../jobs/support/gated-emulator.js';
import { createIntegration, waitForRun } from '../jobs/support/hub-setup.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args], { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, env: { PATH: process.env.PATH } });
  return { code, out, err };
}

describe('learned Duo rate limits: listed and reset over a real port', () => {
  let gate: GatedEmulator;
  let t: TestHub;
  let integrationId: string;
  let orgId: string;
  const api = (m: string, p: string, o?: { token?: string | null; body?: unknown }) => t.api(m, p, o);
  const limits = async (query = '') => {
    const res = await api('GET', `/api/integrations/${integrationId}/rate-limits${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body.items as Array<Record<string, any>>;
  };
  const coverageRun = async () => {
    const jobs = await startCoverageJobs(t.hub, { replicaId: 'r', pollMs: 20, leaseMs: 3000 });
    try {
      const started = await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
      expect(started.status, started.text).toBe(202);
      expect((await waitForRun(api, started.body.id)).status).toBe('done');
    } finally {
      await jobs.stop();
    }
  };
  /** Requests the emulator answered per Duo account, by route. */
  const accountRequests = () => structuredClone(gate.emu.stats().accountRequests);

  beforeAll(async () => {
    gate = await startGatedEmulator({ accounts: 3, usersPerAccount: 40, seed: 21 }, 2);
    gate.open();
    t = await startTestHub();
    integrationId = await createIntegration(api, gate.url, gate.sets());
    const org = await api('POST', '/api/organizations', { body: { name: 'Mapped Client', integration_id: integrationId, duo_account_id: gate.children[0] } });
    expect(org.status, org.text).toBe(201);
    orgId = org.body.id;
    await coverageRun();
  });
  afterAll(async () => {
    await t?.close();
    await gate?.close();
  });

  it("lists each account's learned page-read limits with the organization mapped to it, calling no Duo account", async () => {
    const before = accountRequests();
    const items = await limits();
    const pages = items.filter((i) => i.endpoint_class === 'admin_get_page');
    expect(pages.map((i) => i.account_id).sort()).toEqual([...gate.children].sort());
    const hosts = new Map(gate.emu.credentials().accounts.map((a) => [a.account_id, a.api_hostname]));
    for (const item of pages) {
      expect(item.api_host).toBe(hosts.get(item.account_id)!.toLowerCase());
      expect(item).toMatchObject({ published_per_minute: 200, expired: false });
      expect(item.rate_per_minute).toBeGreaterThan(0);
      expect(item.burst).toBeGreaterThanOrEqual(1);
      expect(item.organization).toEqual(item.account_id === gate.children[0] ? { id: orgId, name: 'Mapped Client' } : null);
    }
    expect((await limits(`?account_id=${gate.children[1]}`)).every((i) => i.account_id === gate.children[1])).toBe(true);
    expect(accountRequests()).toEqual(before);
  });

  it("resets one account: only its limits are forgotten (stored and this process's pacer), audited, no Duo call", async () => {
    const [reset, kept] = [gate.children[0]!, gate.children[1]!];
    expect(t.hub.duo.pacers.has(integrationId, reset)).toBe(true);
    const before = accountRequests();
    const res = await api('DELETE', `/api/integrations/${integrationId}/rate-limits?account_id=${reset}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ accounts_reset: [reset] });
    expect(t.hub.duo.pacers.has(integrationId, reset)).toBe(false);
    expect(t.hub.duo.pacers.has(integrationId, kept)).toBe(true);
    const items = await limits();
    expect(items.some((i) => i.account_id === reset)).toBe(false);
    expect(items.some((i) => i.account_id === kept)).toBe(true);
    expect(accountRequests()).toEqual(before);
    const audit = await api('GET', '/api/audit?action=integrations.rate_limits.reset&outcome=success');
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.items[0]).toMatchObject({ target_type: 'integration', target_id: integrationId, inputs: { account_id: reset } });
  });

  it('names what is wrong: an unknown account, a malformed account id, an unknown integration', async () => {
    const unknown = await api('DELETE', `/api/integrations/${integrationId}/rate-limits?account_id=DANOTSTORED`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect(unknown.body.error.message).toContain('DANOTSTORED');
    const malformed = await api('GET', `/api/integrations/${integrationId}/rate-limits?account_id=${encodeURIComponent('a b')}`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(malformed.body.error.details)).toContain('account_id');
    expect((await api('GET', '/api/integrations/int_nope/rate-limits')).status).toBe(404);
    expect((await api('DELETE', '/api/integrations/int_nope/rate-limits')).status).toBe(404);
    const failed = await api('GET', '/api/audit?action=integrations.rate_limits.reset&outcome=failure');
    expect(failed.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it("another replica's older pacer is dropped at its next task and cannot write back what a reset threw away", async () => {
    const account = gate.children[2]!;
    const key = { integrationId, accountId: account };
    // Replica B: the same store, its own pacers, which met the account before the reset.
    const replica = { ...t.hub, duo: { ...t.hub.duo, pacers: new PacerRegistry() } };
    await recallLearnedLimits(replica, key);
    replica.duo.pacers.get(integrationId, account);
    const bornBefore = replica.duo.pacers.bornAt(integrationId, account)!;
    expect((await limits()).some((i) => i.account_id === account)).toBe(true);
    await sleep(5);
    const res = await api('DELETE', `/api/integrations/${integrationId}/rate-limits`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.accounts_reset).toContain(account);
    expect(await limits()).toEqual([]);

    // Its pacer still holds the old state (seeded from the store): saving it would bring it back.
    await keepLearnedLimits(replica, key);
    expect(await limits()).toEqual([]);
    // Its next task for the account starts a new pacer from the (empty) stored state; what that pacer
    // learns then saves. Until it learns something, the store already holds its state: nothing is written.
    await recallLearnedLimits(replica, key);
    expect(replica.duo.pacers.has(integrationId, account)).toBe(false);
    const pacer = replica.duo.pacers.get(integrationId, account);
    expect(replica.duo.pacers.bornAt(integrationId, account)!).toBeGreaterThan(bornBefore);
    const [row] = await listPacerStates(t.store.db, integrationId, account);
    await sleep(5);
    await keepLearnedLimits(replica, key);
    expect((await listPacerStates(t.store.db, integrationId, account))[0]!.updated_at).toBe(row!.updated_at);
    const one = { host: 'api-child.duosecurity.com', accountId: account, endpointClass: 'admin_get_one' } as const;
    pacer.onSuccess(one, await pacer.acquire(one));
    await keepLearnedLimits(replica, key);
    const [after] = await listPacerStates(t.store.db, integrationId, account);
    expect(after!.updated_at > row!.updated_at).toBe(true);
    expect(JSON.parse(after!.state).buckets).toEqual([expect.objectContaining({ accountId: account, endpointClass: 'admin_get_one' })]);
  });

  it('a state the store already holds is not written again; a changed one is', async () => {
    const account = gate.children[0]!;
    const key = { integrationId, accountId: account };
    // A process that read the account's stored limits and learned nothing new since.
    const replica = { ...t.hub, duo: { ...t.hub.duo, pacers: new PacerRegistry() } };
    await coverageRun();
    await recallLearnedLimits(replica, key);
    const pacer = replica.duo.pacers.get(integrationId, account);
    const [row] = await listPacerStates(t.store.db, integrationId, account);
    expect(JSON.parse(row!.state).buckets.length).toBeGreaterThan(0);
    await sleep(5);
    await keepLearnedLimits(replica, key);
    expect((await listPacerStates(t.store.db, integrationId, account))[0]!.updated_at).toBe(row!.updated_at);
    // Meeting another class of the account's endpoints changes what it knows: that is written.
    const host = JSON.parse(row!.state).buckets[0].host as string;
    const other = { host, accountId: account, endpointClass: 'admin_get_one' } as const;
    pacer.onSuccess(other, await pacer.acquire(other));
    await keepLearnedLimits(replica, key);
    const [after] = await listPacerStates(t.store.db, integrationId, account);
    expect(after!.updated_at > row!.updated_at).toBe(true);
    expect(after!.state).not.toBe(row!.state);
  });

  it('the next run after a reset learns every account again', async () => {
    await coverageRun();
    const pages = (await limits()).filter((i) => i.endpoint_class === 'admin_get_page');
    expect(pages.map((i) => i.account_id).sort()).toEqual([...gate.children].sort());
  });

  it('the CLI shows them (by integration name) and resets one account', async () => {
    const connect = ['--url', t.url, '--token', t.adminToken];
    const name = (await api('GET', `/api/integrations/${integrationId}`)).body.name as string;
    const shown = await cli(['integrations', 'limits', name, ...connect]);
    expect(shown.code, shown.err).toBe(0);
    for (const account of gate.children) expect(shown.out).toContain(account);
    expect(shown.out).toContain('Mapped Client');
    expect(shown.out).toContain('admin_get_page');
    const reset = await cli(['integrations', 'reset-limits', integrationId, '--account', gate.children[1]!, ...connect]);
    expect(reset.code, reset.err).toBe(0);
    expect(reset.out).toContain('1 Duo account');
    const after = await cli(['integrations', 'limits', integrationId, '--account', gate.children[1]!, '--json', ...connect]);
    expect(after.code, after.err).toBe(0);
    expect(JSON.parse(after.out)).toEqual({ items: [] });
    const missing = await cli(['integrations', 'reset-limits', integrationId, '--account', 'DANOTSTORED', ...connect]);
    expect(missing.code).not.toBe(0);
    expect(missing.err + missing.out).toContain('DANOTSTORED');
  });
});

// The conditional upsert is written once for both stores; run it on each.
const postgresUrl = process.env.DATABASE_URL;
const stores: Array<[string, () => Promise<{ t: TestHub; drop(): Promise<void> }>]> = [
  ['SQLite', async () => ({ t: await startTestHub(), drop: async () => {} })],
];
if (postgresUrl) {
  stores.push([
    'Postgres',
    async () => {
      const db = await createTempDatabase(postgresUrl);
      return { t: await startTestHub({ databaseUrl: db.url }), drop: () => db.drop() };
    },
  ]);
} else {
  it.skip('pacer-state records on Postgres (skipped: DATABASE_URL is not set)', () => {});
}

describe.each(stores)('pacer-state records with resets (%s)', (_name, open) => {
  let opened: { t: TestHub; drop(): Promise<void> };
  let integrationId: string;
  beforeAll(async () => {
    opened = await open();
    const [row] = await opened.t.store.db
      .insertInto('integrations')
      .values({ id: 'int_records', name: 'records', base_url: null, sig_version: 5, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', last_check: null, last_checked_at: null } as never)
      .returning('id')
      .execute();
    integrationId = row!.id;
  });
  afterAll(async () => {
    await opened?.t.close();
    await opened?.drop();
  });

  it('a save from a pacer born before the reset is refused; one born after lands', async () => {
    const db = opened.t.store.db;
    const key = { integrationId, accountId: 'DA1' };
    const at = (iso: string) => new Date(iso);
    expect(await savePacerState(db, key, { v: 1 }, at('2026-12-01T00:00:01.000Z'), Date.parse('2026-12-01T00:00:00.000Z'))).toBe(true);
    expect(await resetPacerStates(db, integrationId, at('2026-12-01T00:00:10.000Z'), 'DA2')).toEqual([]);
    expect(await resetPacerStates(db, integrationId, at('2026-12-01T00:00:10.000Z'))).toEqual(['DA1']);
    expect(await loadStoredLimits(db, key)).toEqual({ state: { version: 1, savedAt: 0, buckets: [] }, resetAtMs: Date.parse('2026-12-01T00:00:10.000Z') });
    expect(await savePacerState(db, key, { v: 2 }, at('2026-12-01T00:00:11.000Z'), Date.parse('2026-12-01T00:00:09.999Z'))).toBe(false);
    expect((await loadStoredLimits(db, key))!.state).toEqual({ version: 1, savedAt: 0, buckets: [] });
    expect(await savePacerState(db, key, { v: 3 }, at('2026-12-01T00:00:12.000Z'), Date.parse('2026-12-01T00:00:10.000Z'))).toBe(true);
    expect(await loadStoredLimits(db, key)).toEqual({ state: { v: 3 }, resetAtMs: Date.parse('2026-12-01T00:00:10.000Z') });
    // A first save for an account never reset always lands.
    expect(await savePacerState(db, { integrationId, accountId: 'DA3' }, { v: 1 }, at('2026-12-01T00:00:13.000Z'), 0)).toBe(true);
  });
});
