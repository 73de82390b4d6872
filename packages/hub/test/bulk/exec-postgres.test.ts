import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startServeProcess, type ServeProcess } from '../jobs/support/serve-process.js';
import { startHeldEmulator, type HeldEmulator } from './support/exec-held-emulator.js';

const databaseUrl = process.env.DATABASE_URL;
const describePg = databaseUrl ? describe : describe.skip;

// Six child accounts x 6 users; three organizations at a time per replica, so each replica holds three.
const FLEET = { accounts: 6, usersPerAccount: 6, seed: 13 };

async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describePg(databaseUrl ? 'bulk runs on two hub replicas sharing one Postgres' : 'bulk runs on two hub replicas sharing one Postgres (skipped: DATABASE_URL is unset)', () => {
  let emu: HeldEmulator;
  let db: Awaited<ReturnType<typeof createTempDatabase>>;
  let dataDir: string;
  const replicas: ServeProcess[] = [];

  beforeAll(async () => {
    emu = await startHeldEmulator(FLEET, ['/admin/v1/users/enroll']);
    db = await createTempDatabase(databaseUrl!);
    dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-bulk-pg-'));
  });
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await emu?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('share a run; when one is killed with SIGKILL mid-run the other finishes it, with no call made twice', async () => {
    const env = {
      DATABASE_URL: db.url,
      DUOHUB_DATA_DIR: dataDir,
      DUOHUB_MASTER_KEY: randomBytes(32).toString('base64'),
      DUOHUB_ADMIN_TOKEN: `dh_test_${randomBytes(16).toString('hex')}`,
      DUOHUB_BULK_CONCURRENCY: '3',
      DUOHUB_BULK_ITEMS_IN_FLIGHT: '2',
      // A short lease so the dead replica's tasks are reclaimed within seconds.
      DUOHUB_BULK_LEASE_MS: '2000',
    };
    // One after the other: the first migrates the store and graphile-worker's schema.
    const a = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'replica-a' });
    replicas.push(a);
    const b = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'replica-b' });
    replicas.push(b);
    const integration = await a.api('POST', '/api/integrations', { body: { name: 'Held fleet', base_url: emu.url, ...emu.sets() } });
    expect(integration.status, integration.text).toBe(201);
    const accounts = Object.values(emu.emu.state.accounts).filter((x) => x.parent_id !== null);
    const accountOf = new Map<string, string>();
    for (const [i, acct] of accounts.entries()) {
      const org = await a.api('POST', '/api/organizations', { body: { name: `PG Org ${i}`, integration_id: integration.body.id, duo_account_id: acct.account_id } });
      expect(org.status, org.text).toBe(201);
      accountOf.set(org.body.id, acct.account_id);
    }
    const plan = await a.api('POST', '/api/bulk-runs', { body: { action_id: 'users.enroll', organizations: { all: true }, users: { query: 'all' } } });
    expect(plan.status, plan.text).toBe(201);
    const total = plan.body.counts.total as number;
    expect(total).toBe(FLEET.accounts * FLEET.usersPerAccount);
    const started = await b.api('POST', `/api/bulk-runs/${plan.body.id}/run`, { body: { plan_hash: plan.body.plan_hash } });
    expect(started.status, started.text).toBe(202);

    // Every organization's first two enrollments were carried out and their answers are held, three organizations by each replica.
    await until(async () => (emu.held() === 2 * FLEET.accounts ? true : undefined));
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let heldByA: string[];
    try {
      const rows = (await client.query<{ organization_id: string; replica_id: string }>('select organization_id, replica_id from bulk_tasks where run_id = $1 and status = $2', [plan.body.id, 'running'])).rows;
      expect(rows.filter((r) => r.replica_id === 'replica-a')).toHaveLength(3);
      expect(rows.filter((r) => r.replica_id === 'replica-b')).toHaveLength(3);
      heldByA = rows.filter((r) => r.replica_id === 'replica-a').map((r) => r.organization_id);
    } finally {
      await client.end();
    }
    await a.kill9();
    emu.release();

    const end = await until(async () => {
      const r = await b.api('GET', `/api/bulk-runs/${plan.body.id}`);
      return ['queued', 'running'].includes(r.body.status) ? undefined : r.body;
    });
    expect(end.status).toBe('completed');
    const items = (await b.api('GET', `/api/bulk-runs/${plan.body.id}/items?limit=1000`)).body.items as any[];
    const enrolled = new Map<string, number>();
    for (const r of emu.emu.stats().executionLog) if (r.operation === 'users.enroll') enrolled.set(`${r.account_id}|${String(r.detail?.username)}`, (enrolled.get(`${r.account_id}|${String(r.detail?.username)}`) ?? 0) + 1);
    const firstTwo = new Map<string, number[]>();
    for (const item of items) {
      const seqs = firstTwo.get(item.organization_id) ?? [];
      if (seqs.length < 2) firstTwo.set(item.organization_id, [...seqs, item.seq]);
    }
    for (const item of items) {
      // A's unanswered first calls cannot be read back (an email was sent): review; everything else done.
      const wasAsUnanswered = heldByA!.includes(item.organization_id) && firstTwo.get(item.organization_id)!.includes(item.seq);
      expect(item.status, `item ${item.seq}`).toBe(wasAsUnanswered ? 'review' : 'done');
      expect(enrolled.get(`${accountOf.get(item.organization_id)}|${item.target}`), item.target).toBe(1);
    }
    expect(end.counts).toMatchObject({ total, done: total - 6, review: 6, pending: 0, calling: 0 });
    expect([...enrolled.values()].reduce((x, y) => x + y, 0)).toBe(total);
    expect(Object.keys(emu.emu.stats().accountRequests)).toEqual(expect.arrayContaining(accounts.map((x) => x.account_id)));
  }, 120_000);
});
