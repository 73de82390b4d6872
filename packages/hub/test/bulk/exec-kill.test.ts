import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from '../jobs/support/serve-process.js';
import { startHeldEmulator, type HeldEmulator } from './support/exec-held-emulator.js';

// Three child accounts x 8 users; the hub works on every organization at once, two items of each at a time.
const WINDOW = 2;
const FLEET = { accounts: 3, usersPerAccount: 8, seed: 11 };

let emu: HeldEmulator;
let dataDir: string;
let hub: ServeProcess | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await startHeldEmulator(FLEET, ['/admin/v1/groups', '/admin/v1/users/enroll']);
  dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-bulk-kill-'));
  env = {
    DUOHUB_DATA_DIR: dataDir,
    DUOHUB_MASTER_KEY: randomBytes(32).toString('base64'),
    DUOHUB_ADMIN_TOKEN: `dh_test_${randomBytes(16).toString('hex')}`,
    DUOHUB_BULK_ITEMS_IN_FLIGHT: String(WINDOW),
  };
});
afterAll(async () => {
  await hub?.stop();
  await emu?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const ok = (res: { status: number; text: string }, status: number) => expect(res.status, res.text).toBe(status);
const items = async (h: ServeProcess, runId: string) => ((await h.api('GET', `/api/bulk-runs/${runId}/items?limit=1000`)).body.items as any[]);
const waitForEnd = (h: ServeProcess, runId: string) =>
  until(async () => {
    const r = await h.api('GET', `/api/bulk-runs/${runId}`);
    return ['queued', 'running'].includes(r.body.status) ? undefined : r.body;
  });
/** Executions of `operation` per `<account id>|<detail[key]>`. */
const executions = (operation: string, key: string) => {
  const counts = new Map<string, number>();
  for (const r of emu.emu.stats().executionLog) {
    if (r.operation !== operation) continue;
    const id = `${r.account_id}|${String(r.detail?.[key])}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
};

describe('kill -9 of a SQLite hub mid-run, with calls carried out whose answers never came', () => {
  it('on restart the runs finish: nothing lost, no non-idempotent call made twice (read back for groups.create, review for users.enroll)', async () => {
    hub = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'before-crash' });
    const api = hub.api.bind(hub);
    const integration = await api('POST', '/api/integrations', { body: { name: 'Held fleet', base_url: emu.url, ...emu.sets() } });
    ok(integration, 201);
    const accounts = Object.values(emu.emu.state.accounts).filter((a) => a.parent_id !== null);
    const orgs: Array<{ id: string; accountId: string }> = [];
    for (const [i, a] of accounts.entries()) {
      const org = await api('POST', '/api/organizations', { body: { name: `Kill Org ${i}`, integration_id: integration.body.id, duo_account_id: a.account_id } });
      ok(org, 201);
      orgs.push({ id: org.body.id, accountId: a.account_id });
    }
    const accountOf = (orgId: string) => orgs.find((o) => o.id === orgId)!.accountId;
    // Planned through REST, as a person would: enroll every user of every organization; create one group in each.
    const enrollPlan = await api('POST', '/api/bulk-runs', { body: { action_id: 'users.enroll', organizations: { all: true }, users: { query: 'all' } } });
    ok(enrollPlan, 201);
    const createPlan = await api('POST', '/api/bulk-runs', { body: { action_id: 'groups.create', organizations: { all: true }, input: { name: 'kill-created', desc: 'made by a bulk run' } } });
    ok(createPlan, 201);
    const enrollTotal = enrollPlan.body.counts.total as number;
    expect(enrollTotal).toBe(FLEET.accounts * FLEET.usersPerAccount);
    for (const plan of [enrollPlan.body, createPlan.body]) ok(await api('POST', `/api/bulk-runs/${plan.id}/run`, { body: { plan_hash: plan.plan_hash } }), 202);

    // Every organization's first calls of each run were carried out and their answers are held: kill the hub there.
    await until(async () => (emu.held() === (WINDOW + 1) * orgs.length ? true : undefined));
    const callingAtKill = (await items(hub, enrollPlan.body.id)).filter((i) => i.status === 'calling');
    expect(callingAtKill).toHaveLength(WINDOW * orgs.length);
    await hub.kill9();
    emu.release();

    hub = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'after-restart' });
    const enrollEnd = await waitForEnd(hub, enrollPlan.body.id);
    const createEnd = await waitForEnd(hub, createPlan.body.id);
    expect(enrollEnd.status).toBe('completed');
    expect(createEnd.status).toBe('completed');

    // groups.create: each organization's group exists once, made by one call; the unanswered call was read back.
    const created = executions('groups.create', 'name');
    for (const org of orgs) {
      expect(created.get(`${org.accountId}|kill-created`)).toBe(1);
      expect(Object.values(emu.emu.state.accounts[org.accountId]!.groups).filter((g) => g.name === 'kill-created')).toHaveLength(1);
    }
    const createItems = await items(hub, createPlan.body.id);
    expect(createItems.map((i) => [i.status, i.outcome?.reconciled, i.attempts])).toEqual(orgs.map(() => ['done', true, 1]));

    // users.enroll: the items calling at the kill go to review (their call was made once); all others done once.
    const enrolled = executions('users.enroll', 'username');
    const enrollItems = await items(hub, enrollPlan.body.id);
    expect(enrollItems).toHaveLength(enrollTotal);
    const review = new Set(callingAtKill.map((i) => i.seq));
    for (const item of enrollItems) {
      expect(item.status, `item ${item.seq}`).toBe(review.has(item.seq) ? 'review' : 'done');
      expect(enrolled.get(`${accountOf(item.organization_id)}|${item.target}`), item.target).toBe(1);
    }
    expect([...enrolled.values()].reduce((a, b) => a + b, 0)).toBe(enrollTotal);
    expect(enrollEnd.counts).toMatchObject({ total: enrollTotal, done: enrollTotal - WINDOW * orgs.length, review: WINDOW * orgs.length, pending: 0, calling: 0 });
    // Which Duo accounts were touched: exactly the organizations' ones.
    expect(Object.keys(emu.emu.stats().accountRequests).filter((a) => a !== accounts[0]!.parent_id).sort()).toEqual(orgs.map((o) => o.accountId).sort());
  }, 90_000);
});
