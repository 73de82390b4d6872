import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, type Actor } from '../../src/access/actor.js';
import { approveBulkRun } from '../../src/bulk/approve-bulk-run.js';
import { openBulkItemInput } from '../../src/bulk/bulk-item-input.js';
import { readBulkRunView } from '../../src/bulk/bulk-run-view.js';
import { bulkDb } from '../../src/bulk/bulk-tables.js';
import { computePlanHash } from '../../src/bulk/compute-plan-hash.js';
import type { NewBulkPlan } from '../../src/bulk/new-bulk-plan.js';
import { requireBulkRunAccess } from '../../src/bulk/require-bulk-run-access.js';
import { saveBulkPlan } from '../../src/bulk/save-bulk-plan.js';
import { HubError } from '../../src/errors/hub-error.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';

let hub: TestHub;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  hub = await startTestHub();
  orgA = (await hub.api('POST', '/api/organizations', { body: { name: 'Save A' } })).body.id;
  orgB = (await hub.api('POST', '/api/organizations', { body: { name: 'Save B' } })).body.id;
});
afterAll(async () => {
  await hub?.close();
});

const limitedTo = (ids: string[]): Actor => ({ kind: 'token', tokenId: 'tok_limited', scopes: ['read', 'operate', 'approve'], organizationIds: ids });
const plan = (items: NewBulkPlan['items'], extra: Partial<NewBulkPlan> = {}): NewBulkPlan => ({
  title: 'baseline apply',
  actionId: null,
  source: 'baseline',
  baselineId: 'bl_1',
  requiresApproval: false,
  spec: { baseline: 'strict', notes: ['from a baseline'] },
  items,
  ...extra,
});
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    if (error instanceof HubError) return error.code;
    throw error;
  }
  return 'ok';
};

describe('saveBulkPlan (the entry baselines use too)', () => {
  it('writes run, one task per organization in order, items with sealed inputs and the hash of exactly those items', async () => {
    const items = [
      { organizationId: orgB, actionId: 'settings.get', target: 'Save B', targetId: null, input: {} },
      { organizationId: orgA, actionId: 'bypass_codes.create_for_user', target: 'ann', targetId: 'DUAAAAAAAAAAAAAAAAAA', input: { user_id: 'DUAAAAAAAAAAAAAAAAAA', codes: ['TOPSECRET99'] } },
      { organizationId: orgB, actionId: 'settings.get', target: 'Save B', targetId: null, input: {} },
    ];
    const { id, planHash } = await saveBulkPlan(hub.hub, cliActor, plan(items));
    expect(planHash).toBe(computePlanHash(items.map((item, i) => ({ ...item, seq: i + 1 }))));
    const db = bulkDb(hub.store.db);
    const tasks = await db.selectFrom('bulk_tasks').select(['organization_id', 'seq', 'status']).where('run_id', '=', id).orderBy('seq').execute();
    expect(tasks).toEqual([
      { organization_id: orgB, seq: 0, status: 'pending' },
      { organization_id: orgA, seq: 1, status: 'pending' },
    ]);
    const rows = await db.selectFrom('bulk_items').selectAll().where('run_id', '=', id).orderBy('seq').execute();
    expect(rows.map((r) => [r.seq, r.status, r.attempts])).toEqual([[1, 'pending', 0], [2, 'pending', 0], [3, 'pending', 0]]);
    expect(rows[1]!.input_sealed).not.toContain('TOPSECRET99');
    expect(JSON.parse(rows[1]!.input_display)).toEqual({ user_id: 'DUAAAAAAAAAAAAAAAAAA', codes: '[redacted]' });
    expect(openBulkItemInput(hub.store, id, 2, rows[1]!.input_sealed)).toEqual(items[1]!.input);
    // Sealed to its row: the same value does not open as another item's.
    expect(() => openBulkItemInput(hub.store, id, 3, rows[1]!.input_sealed)).toThrow();

    const view = await readBulkRunView(hub.hub, cliActor, id);
    expect(view).toMatchObject({ source: 'baseline', baseline_id: 'bl_1', action_id: null, status: 'planned', created_by: 'cli', notes: ['from a baseline'] });
    expect(view.plan.by_action).toEqual(expect.arrayContaining([{ action_id: 'settings.get', items: 2 }, { action_id: 'bypass_codes.create_for_user', items: 1 }]));
    expect(view.summary).toBe('2 actions: 3 calls in 2 organizations: 3 pending');
  });

  it('refuses empty plans, unknown actions, invalid inputs and unknown organizations before writing anything', async () => {
    const before = await bulkDb(hub.store.db).selectFrom('bulk_runs').select('id').execute();
    expect(await codeOf(saveBulkPlan(hub.hub, cliActor, plan([])))).toBe('validation_failed');
    expect(await codeOf(saveBulkPlan(hub.hub, cliActor, plan([{ organizationId: orgA, actionId: 'nope.nope', target: null, targetId: null, input: {} }])))).toBe('validation_failed');
    expect(await codeOf(saveBulkPlan(hub.hub, cliActor, plan([{ organizationId: orgA, actionId: 'users.update', target: null, targetId: null, input: { bogus: 1 } }])))).toBe('validation_failed');
    expect(await codeOf(saveBulkPlan(hub.hub, cliActor, plan([{ organizationId: 'org_missing', actionId: 'settings.get', target: null, targetId: null, input: {} }])))).toBe('validation_failed');
    expect(await bulkDb(hub.store.db).selectFrom('bulk_runs').select('id').execute()).toEqual(before);
  });

  it('keeps limited actors to their organizations and away from the Accounts API', async () => {
    const onB = plan([{ organizationId: orgB, actionId: 'settings.get', target: null, targetId: null, input: {} }]);
    expect(await codeOf(saveBulkPlan(hub.hub, limitedTo([orgA]), onB))).toBe('forbidden');
    const accounts = plan([{ organizationId: orgA, actionId: 'accounts.list', target: null, targetId: null, input: {} }]);
    expect(await codeOf(saveBulkPlan(hub.hub, limitedTo([orgA]), accounts))).toBe('forbidden');
    const both = await saveBulkPlan(hub.hub, cliActor, plan([
      { organizationId: orgA, actionId: 'settings.get', target: null, targetId: null, input: {} },
      { organizationId: orgB, actionId: 'settings.get', target: null, targetId: null, input: {} },
    ]));
    expect(await codeOf(requireBulkRunAccess(hub.hub, limitedTo([orgA]), both.id))).toBe('forbidden');
    expect(await codeOf(requireBulkRunAccess(hub.hub, limitedTo([orgA, orgB]), both.id))).toBe('ok');
    expect(await codeOf(requireBulkRunAccess(hub.hub, limitedTo([orgA]), 'blk_none'))).toBe('not_found');
  });

  it('the CLI operator may approve a plan it made itself (it owns the store)', async () => {
    const { id, planHash } = await saveBulkPlan(hub.hub, cliActor, plan([{ organizationId: orgA, actionId: 'settings.get', target: null, targetId: null, input: {} }], { requiresApproval: true }));
    const view = await approveBulkRun(hub.hub, cliActor, id, planHash);
    expect(view).toMatchObject({ approved: true, approved_by: 'cli' });
  });
});
