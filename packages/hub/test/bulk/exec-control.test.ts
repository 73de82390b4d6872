import { wrapRoute } from '@duohub/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDb } from '../../src/bulk/bulk-tables.js';
import type { PlannedItem } from '../../src/bulk/new-bulk-plan.js';
import { startExecFleet, type ExecFleet } from './support/exec-fleet.js';

const SPEC = { accounts: 3, usersPerAccount: 12, orgs: 3, seed: 8 };

let fleet: ExecFleet;
/** Enrollment calls wait here until the test lets them through: places a pause or cancel mid-item by construction. */
let gate: { open: () => void; promise: Promise<void> };
const newGate = () => {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { open, promise };
};

beforeAll(async () => {
  fleet = await startExecFleet(SPEC);
  gate = newGate();
  fleet.emu.emulator.use(
    wrapRoute('POST', '/admin/v1/users/enroll', async (_ctx, next) => {
      await gate.promise;
      return next();
    }),
  );
});
afterAll(async () => {
  gate?.open();
  await fleet?.close();
});

const enrollItems = (orgs = fleet.orgs, perOrg = 6): PlannedItem[] =>
  orgs.flatMap((org) =>
    Object.values(fleet.emu.emulator.state.accounts[org.accountId]!.users)
      .slice(0, perOrg)
      .map((u) => ({ organizationId: org.id, actionId: 'users.enroll', target: u.username, targetId: u.user_id, input: { username: u.username, email: `${u.username}@ctl.example` } })),
  );

const items = (runId: string) => bulkDb(fleet.hub.store.db).selectFrom('bulk_items').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
const tasks = (runId: string) => bulkDb(fleet.hub.store.db).selectFrom('bulk_tasks').selectAll().where('run_id', '=', runId).execute();
async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}
// Items of one organization under way at once (the runner's default): that many wait at the gate per organization.
const WINDOW = 4;
const callingInEveryOrg = (runId: string) => until(async () => ((await items(runId)).filter((i) => i.status === 'calling').length === WINDOW * fleet.orgs.length ? true : undefined));

describe('pause, resume and cancel', () => {
  it('pause: each organization finishes its items under way, then stops; resume finishes the run exactly', async () => {
    gate = newGate();
    const plan = await fleet.plan('users.enroll', enrollItems());
    expect((await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/run`, { body: { plan_hash: plan.planHash } })).status).toBe(202);
    await callingInEveryOrg(plan.id);
    const paused = await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/pause`);
    expect(paused.status, paused.text).toBe(200);
    expect(paused.body.status).toBe('paused');
    gate.open();
    // Every task hands its claim back after its current item.
    await until(async () => ((await tasks(plan.id)).every((t) => t.status === 'pending') ? true : undefined));
    const afterPause = await items(plan.id);
    expect(afterPause.filter((i) => i.status === 'done')).toHaveLength(WINDOW * fleet.orgs.length);
    expect(afterPause.filter((i) => i.status === 'pending')).toHaveLength(afterPause.length - WINDOW * fleet.orgs.length);
    expect((await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/pause`)).status).toBe(409);

    const resumed = await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/resume`);
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.body.status).toBe('running');
    const end = await fleet.waitForEnd(plan.id);
    expect(end.status).toBe('completed');
    expect(end.counts).toMatchObject({ done: afterPause.length, pending: 0, review: 0 });
    const log = fleet.emu.emulator.stats().executionLog.filter((r) => r.operation === 'users.enroll' && String(r.detail?.email).endsWith('@ctl.example'));
    expect(log).toHaveLength(afterPause.length);
  }, 60_000);

  it('cancel: pending items are cancelled, the items under way finish, nothing more is called', async () => {
    gate = newGate();
    const plan = await fleet.plan('users.enroll', enrollItems());
    const before = fleet.emu.emulator.stats().executions['users.enroll'] ?? 0;
    expect((await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/run`, { body: { plan_hash: plan.planHash } })).status).toBe(202);
    await callingInEveryOrg(plan.id);
    const cancelled = await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/cancel`);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const total = enrollItems().length;
    const underWay = WINDOW * fleet.orgs.length;
    expect(cancelled.body.counts.cancelled).toBe(total - underWay);
    gate.open();
    await until(async () => ((await tasks(plan.id)).every((t) => t.status === 'cancelled') ? true : undefined));
    const rows = await items(plan.id);
    expect(rows.filter((i) => i.status === 'done')).toHaveLength(underWay);
    expect(rows.filter((i) => i.status === 'cancelled')).toHaveLength(total - underWay);
    expect((fleet.emu.emulator.stats().executions['users.enroll'] ?? 0) - before).toBe(underWay);
    const view = await fleet.waitForEnd(plan.id);
    expect(view.counts).toMatchObject({ done: underWay, cancelled: total - underWay, pending: 0, calling: 0 });
    expect((await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/resume`)).status).toBe(409);
  }, 60_000);
});

describe('starting a run', () => {
  it('refuses a different plan hash, a run needing approval, and a run already started (409 conflict)', async () => {
    gate.open();
    const plan = await fleet.plan('users.enroll', enrollItems(fleet.orgs.slice(0, 1), 1), true);
    const wrong = await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/run`, { body: { plan_hash: 'a'.repeat(64) } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('conflict');
    const unapproved = await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/run`, { body: { plan_hash: plan.planHash } });
    expect(unapproved.status).toBe(409);
    expect(JSON.stringify(unapproved.body)).toContain('approval');
    const bad = await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/run`, { body: { plan_hash: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const missing = await fleet.hub.api('POST', '/api/bulk-runs/blk_nope/run', { body: { plan_hash: plan.planHash } });
    expect(missing.status).toBe(404);

    const free = await fleet.plan('users.enroll', enrollItems(fleet.orgs.slice(0, 1), 1));
    expect((await fleet.hub.api('POST', `/api/bulk-runs/${free.id}/run`, { body: { plan_hash: free.planHash } })).status).toBe(202);
    expect((await fleet.hub.api('POST', `/api/bulk-runs/${free.id}/run`, { body: { plan_hash: free.planHash } })).status).toBe(409);
    await fleet.waitForEnd(free.id);
    const audit = await fleet.hub.store.db.selectFrom('audit_log').select(['action', 'target_id', 'outcome']).where('target_id', '=', free.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['bulk.run', 'bulk.complete']));
  }, 60_000);

  it('a token limited to organizations cannot run, pause, resume or cancel a run touching others; it can run one inside its list', async () => {
    gate.open();
    const [a, b] = fleet.orgs;
    const token = await fleet.hub.api('POST', '/api/tokens', { body: { name: 'only-a', scopes: ['operate'], organization_ids: [a!.id] } });
    expect(token.status, token.text).toBe(201);
    const limited = token.body.token as string;
    const both = await fleet.plan('users.enroll', enrollItems([a!, b!], 1));
    for (const verb of ['run', 'pause', 'resume', 'cancel']) {
      const res = await fleet.hub.api('POST', `/api/bulk-runs/${both.id}/${verb}`, { token: limited, ...(verb === 'run' ? { body: { plan_hash: both.planHash } } : {}) });
      expect(res.status, `${verb}: ${res.text}`).toBe(403);
      // Nothing about B reaches the limited token.
      expect(res.text).not.toContain(b!.id);
    }
    expect((await bulkDb(fleet.hub.store.db).selectFrom('bulk_runs').select('status').where('id', '=', both.id).executeTakeFirstOrThrow()).status).toBe('planned');
    const own = await fleet.plan('users.enroll', enrollItems([a!], 1));
    const ran = await fleet.hub.api('POST', `/api/bulk-runs/${own.id}/run`, { token: limited, body: { plan_hash: own.planHash } });
    expect(ran.status, ran.text).toBe(202);
    expect((await fleet.waitForEnd(own.id)).status).toBe('completed');
  }, 60_000);
});
