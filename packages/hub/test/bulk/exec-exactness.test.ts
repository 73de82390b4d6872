import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDb } from '../../src/bulk/bulk-tables.js';
import type { PlannedItem } from '../../src/bulk/new-bulk-plan.js';
import { executionsBy, issueFaults, startExecFleet, type ExecFleet } from './support/exec-fleet.js';

// Four child accounts x 40 users; organizations map to the first three (the fourth must stay untouched).
const SPEC = { accounts: 4, usersPerAccount: 40, orgs: 3, seed: 5 };
const PER_ORG = 25;

let fleet: ExecFleet;
beforeAll(async () => {
  fleet = await startExecFleet(SPEC);
});
afterAll(async () => {
  await fleet?.close();
});

/** Runs a saved plan through REST and waits for its end; answers the final view and the stored items. */
async function execute(plan: { id: string; planHash: string }) {
  const started = await fleet.hub.api('POST', `/api/bulk-runs/${plan.id}/run`, { body: { plan_hash: plan.planHash } });
  expect(started.status, started.text).toBe(202);
  expect(['queued', 'running']).toContain(started.body.status);
  const view = await fleet.waitForEnd(plan.id);
  const items = await bulkDb(fleet.hub.store.db).selectFrom('bulk_items').selectAll().where('run_id', '=', plan.id).orderBy('seq').execute();
  const audits = await fleet.hub.store.db.selectFrom('audit_log').select(['action', 'inputs', 'outcome']).where('action', 'in', ['bulk.item', 'bulk.run', 'bulk.complete']).execute();
  const itemAudits = audits.filter((a) => a.action === 'bulk.item' && JSON.parse(a.inputs!).run_id === plan.id);
  return { view, items, itemAudits, audits };
}

/** Accounts the emulator saw requests for since the last clear. */
function touchedAccounts(): string[] {
  return Object.keys(fleet.emu.emulator.stats().accountRequests).sort();
}

const accountOf = (orgId: string) => fleet.orgs.find((o) => o.id === orgId)!.accountId;
const usersOf = (accountId: string) => Object.values(fleet.emu.emulator.state.accounts[accountId]!.users).slice(0, PER_ORG);

describe('bulk execution under 20% 429, 5% 5xx and 2% resets (emulator over a real port)', () => {
  it('idempotent users.update: every item done, the state equals the plan, each account touched only through its organization', async () => {
    const items: PlannedItem[] = fleet.orgs.flatMap((org) =>
      usersOf(org.accountId).map((u) => ({ organizationId: org.id, actionId: 'users.update', target: u.username, targetId: u.user_id, input: { user_id: u.user_id, notes: `bulk note ${u.user_id}` } })),
    );
    fleet.emu.emulator.reset();
    const plan = await fleet.plan('users.update', items);
    fleet.emu.emulator.configure({ faults: issueFaults('/admin/v1/users') });
    const { view, items: rows, itemAudits } = await execute(plan);
    fleet.emu.emulator.configure({ faults: [] });
    expect(view.status).toBe('completed');
    expect(view.counts).toMatchObject({ total: items.length, done: items.length, failed: 0, review: 0, pending: 0, calling: 0 });
    for (const org of fleet.orgs) for (const u of usersOf(org.accountId)) expect(fleet.emu.emulator.state.accounts[org.accountId]!.users[u.user_id]!.notes).toBe(`bulk note ${u.user_id}`);
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    // Faults struck (the SDK repeats idempotent calls itself, so items rarely needed a second attempt).
    const statuses = Object.values(fleet.emu.emulator.stats().requests).flatMap((byStatus) => Object.keys(byStatus));
    expect(statuses).toEqual(expect.arrayContaining(['429', '500']));
    expect(itemAudits).toHaveLength(items.length);
    const fourth = Object.values(fleet.emu.emulator.state.accounts).filter((a) => a.parent_id !== null)[3]!.account_id;
    expect(touchedAccounts()).not.toContain(fourth);
    for (const org of fleet.orgs) expect(touchedAccounts()).toContain(org.accountId);
  }, 120_000);

  it('non-idempotent users.create with reconcile: each user created exactly once, ambiguous answers settled by reading back', async () => {
    fleet.emu.emulator.reset();
    const items: PlannedItem[] = fleet.orgs.flatMap((org, o) =>
      Array.from({ length: PER_ORG }, (_, i) => {
        const username = `bulk-created-${o}-${i}`;
        return { organizationId: org.id, actionId: 'users.create', target: username, targetId: null, input: { username, email: `${username}@example.org`, realname: `Created ${o} ${i}` } };
      }),
    );
    const plan = await fleet.plan('users.create', items);
    fleet.emu.emulator.configure({ faults: issueFaults('/admin/v1/users') });
    const { view, items: rows, itemAudits } = await execute(plan);
    fleet.emu.emulator.configure({ faults: [] });
    const created = executionsBy(fleet.emu, 'users.create', 'username');
    for (const item of items) {
      const username = item.input.username as string;
      // The emulator's execution log: never twice for one item.
      expect(created.get(`${accountOf(item.organizationId)}|${username}`), username).toBe(1);
      const account = fleet.emu.emulator.state.accounts[accountOf(item.organizationId)]!;
      const users = Object.values(account.users).filter((u) => u.username === username);
      expect(users.map((u) => u.email)).toEqual([item.input.email]);
    }
    expect(view.status).toBe('completed');
    expect(view.counts).toMatchObject({ total: items.length, done: items.length, review: 0, failed: 0 });
    const reconciled = rows.filter((r) => JSON.parse(r.outcome!).reconciled === true);
    // With ~7% of calls ambiguous over 75 items, some were settled by reading back, each once.
    expect(reconciled.length).toBeGreaterThan(0);
    expect(itemAudits).toHaveLength(items.length);
  }, 120_000);

  it('non-idempotent users.enroll without reconcile: an unanswered call goes to review, never called twice', async () => {
    fleet.emu.emulator.reset();
    const items: PlannedItem[] = fleet.orgs.flatMap((org) =>
      usersOf(org.accountId).map((u) => ({ organizationId: org.id, actionId: 'users.enroll', target: u.username, targetId: u.user_id, input: { username: u.username, email: `${u.username}@enroll.example` } })),
    );
    const plan = await fleet.plan('users.enroll', items);
    fleet.emu.emulator.configure({ faults: issueFaults('/admin/v1/users/enroll') });
    const { view, items: rows } = await execute(plan);
    fleet.emu.emulator.configure({ faults: [] });
    const enrolled = executionsBy(fleet.emu, 'users.enroll', 'username');
    for (const row of rows) {
      const count = enrolled.get(`${accountOf(row.organization_id)}|${row.target}`) ?? 0;
      if (row.status === 'done') expect(count, row.target!).toBe(1);
      else {
        expect(row.status).toBe('review');
        expect(count).toBeLessThanOrEqual(1);
        const outcome = JSON.parse(row.outcome!);
        expect(outcome.code).toBe('review');
        // Never an enrollment code (it is a link's secret) in the stored outcome.
        expect(row.outcome).not.toMatch(/enrollment_code|[0-9a-f]{20}/);
      }
    }
    expect(Math.max(...enrolled.values())).toBe(1);
    expect(view.status).toBe('completed');
    expect(view.counts.done + view.counts.review).toBe(items.length);
    expect(view.counts.review).toBeGreaterThan(0);
    // A non-zero exit for the CLI: items need review.
  }, 120_000);
});
