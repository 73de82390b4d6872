import { buildOpenApi, DuoAdminClient, endpoints } from '@duohub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { usersGet } from '../../src/actions/users/users-get.js';
import { bulkRun } from '../../src/actions/users_bulk/bulk-run.js';
import { usersBulkCreate } from '../../src/actions/users_bulk/users-bulk-create.js';
import { usersBulkRestore } from '../../src/actions/users_bulk/users-bulk-restore.js';
import { usersBulkSendToTrash } from '../../src/actions/users_bulk/users-bulk-send-to-trash.js';
import { identityVerificationCancel } from '../../src/actions/verification/identity-verification-cancel.js';
import { identityVerificationStart } from '../../src/actions/verification/identity-verification-start.js';
import { identityVerificationStatus } from '../../src/actions/verification/identity-verification-status.js';
import { usersSendVerificationPush } from '../../src/actions/verification/users-send-verification-push.js';
import { usersVerificationPushResponse } from '../../src/actions/verification/users-verification-push-response.js';
import { runAction } from '../../src/actions/run-action.js';
import { isHubError } from '../../src/errors/hub-error.js';
import { contextFor, startContractFixture, type ContractFixture } from './contract-fixture.js';
import { freshUser, pushTarget, usersBulkContractCases } from './users-bulk-contract-cases.js';

/**
 * The users bulk, bulk operations and verification actions against the emulator, once in process
 * (the SDK's transport is `emu.fetch`) and once over a real port: each case's valid run, invalid
 * input, Duo failure and dry run, then permission denials, the Trash's cascades on reads and
 * paging, and every emulator answer checked against the generated OpenAPI description.
 */
// The actions under test, imported directly so this suite does not depend on the whole catalog.
const actions = new Map<string, AnyAction>(
  [usersBulkCreate, usersBulkSendToTrash, usersBulkRestore, bulkRun, usersSendVerificationPush, usersVerificationPushResponse, identityVerificationStart, identityVerificationStatus, identityVerificationCancel, usersGet].map((a) => [a.id, a]),
);
const findAction = (id: string) => actions.get(id);

describe.each(['in-process', 'port'] as const)('users bulk and verification contract (%s)', (transport) => {
  let fx: ContractFixture;
  beforeAll(async () => {
    fx = await startContractFixture(transport === 'port' ? 'port' : 'in-process');
  });
  afterAll(async () => {
    await fx?.close();
  });

  const run = async (id: string, input: unknown, opts: Parameters<typeof contextFor>[1] = {}) =>
    (await runAction(findAction(id)!, contextFor(fx, opts), input)).output as any;
  async function failure(id: string, input: unknown, opts: Parameters<typeof contextFor>[1] = {}) {
    try {
      await run(id, input, opts);
    } catch (error) {
      if (isHubError(error)) return error;
      throw error;
    }
    throw new Error(`${id} did not fail`);
  }
  const adminGrants = () => Object.values(fx.parent.integrations).find((i) => i.type === 'admin')!.grants!;

  describe.each(usersBulkContractCases)('$id', (c) => {
    it('runs with valid input', async () => {
      const valid = await c.valid(fx, (id, input) => run(id, input));
      valid.check(await run(c.id, valid.input), fx);
    });

    it('rejects invalid input with 400 naming the field', async () => {
      const error = await failure(c.id, c.invalid.input);
      expect([error.code, error.status]).toEqual(['validation_failed', 400]);
      expect((error.details as Array<{ field: string }>).map((f) => f.field)).toContain(c.invalid.field);
    });

    it("passes Duo's failure through", async () => {
      const d = c.duo(fx);
      const error = await failure(c.id, d.input, { ...(d.keys ? { keys: d.keys } : {}) });
      expect({ code: error.code, status: error.status }).toEqual({ code: d.code, status: d.status });
      if (d.duoCode) expect(error.details).toMatchObject({ duo_code: d.duoCode });
    });

    // Only actions that write have a dry run to test; the others declare none rather than skip one.
    const dryRun = c.dryRun;
    if (dryRun) {
      it('dry run changes nothing', async () => {
        const d = dryRun(fx);
        const before = d.snapshot();
        const output = await run(c.id, d.input, { dryRun: true });
        expect(output.changes).toMatch(/would/);
        d.check?.(output);
        expect(d.snapshot()).toEqual(before);
      });
    }
  });

  it('answers 403/40301 (hub: forbidden) to every write when the integration lacks "write resource"', async () => {
    const user = freshUser(fx, 'perm');
    const { user: pushUser, phoneId } = pushTarget(fx);
    adminGrants().write_resource = false;
    try {
      const writes: Array<[string, unknown]> = [
        ['users.bulk_create', { users: [{ username: 'perm-denied' }] }],
        ['users.bulk_send_to_trash', { users: [user.user_id] }],
        ['users.bulk_restore', { user_ids: [user.user_id] }],
        ['bulk.run', { operations: [{ method: 'GET', path: '/admin/v1/users' }] }],
        ['users.send_verification_push', { user_id: pushUser.user_id, phone_id: phoneId, wait_seconds: 0 }],
        ['identity_verification.start', { user_id: user.user_id }],
        ['identity_verification.cancel', { user_id: user.user_id, inquiry_id: 'inq_x' }],
      ];
      for (const [id, input] of writes) {
        const error = await failure(id, input);
        expect([id, error.code, (error.details as any).duo_code]).toEqual([id, 'forbidden', 40301]);
      }
    } finally {
      adminGrants().write_resource = true;
    }
    expect(fx.parent.users[user.user_id]).toBeDefined();
  });

  it('answers 40301 to the reads when the integration lacks "read resource"', async () => {
    const user = freshUser(fx, 'perm-read');
    adminGrants().read_resource = false;
    try {
      for (const [id, input] of [
        ['identity_verification.status', { user_id: user.user_id }],
        ['users.verification_push_response', { user_id: user.user_id, push_id: 'p' }],
      ] as const) {
        expect((await failure(id, input)).details).toMatchObject({ duo_code: 40301 });
      }
    } finally {
      adminGrants().read_resource = true;
    }
  });

  it('a bulk operation is refused by its own grant (40301 in its result), the others still run', async () => {
    adminGrants().settings = false;
    try {
      const out = await run('bulk.run', {
        operations: [
          { method: 'POST', path: '/admin/v1/settings', body: { caller_id: '+15555550100' } },
          { method: 'GET', path: '/admin/v1/users', body: { limit: 1 } },
        ],
      });
      expect(out.results[0]).toMatchObject({ stat: 'FAIL', code: 40301 });
      expect(out.results[1].stat).toBe('OK');
    } finally {
      adminGrants().settings = true;
    }
  });

  it('the Trash cascades: trashed users leave reads, lists and paging totals, and come back on restore', async () => {
    const admin = fx.clients.admin as DuoAdminClient;
    const user = freshUser(fx, 'cascade');
    const total = async () => (await admin.request('GET', '/admin/v1/users', { limit: 1 })).metadata?.['total_objects'];
    const before = await total();
    await run('users.bulk_send_to_trash', { users: [user.username] });
    expect(await total()).toBe((before as number) - 1);
    expect((await failure('users.get', { user_id: user.user_id })).code).toBe('not_found');
    expect(await admin.users.getByUsername(user.username)).toBeUndefined();
    const listed = await admin.request('GET', '/admin/v1/users', { user_id_list: JSON.stringify([user.user_id]) });
    expect([listed.status, listed.response]).toEqual([200, []]);
    await run('users.bulk_restore', { user_ids: [user.user_id] });
    expect(await total()).toBe(before);
    expect((await admin.users.get(user.user_id)).username).toBe(user.username);
    // A DELETE of a trashed user removes it for good: nothing is left to restore.
    await admin.usersBulk.sendToTrash([user.user_id]);
    await admin.users.delete(user.user_id);
    await admin.usersBulk.restore([user.user_id]);
    expect(fx.parent.users[user.user_id]).toBeUndefined();
  });

  it("answers in Duo's envelope: stat OK with response, or stat FAIL with code and message", async () => {
    const admin = fx.clients.admin as DuoAdminClient;
    const res = await admin.request('POST', '/admin/v1/users/bulk_send_to_trash', { user_id_list: JSON.stringify(['DUNOSUCHUSER00000000']) });
    expect([res.status, res.response]).toEqual([200, '']);
    await expect(admin.request('POST', '/admin/v1/users/bulk_create', { users: '[]' })).rejects.toMatchObject({ status: 400, code: 40002 });
  });

  it('sends a verification push once, even when its answer is slow', async () => {
    const { user, phoneId } = pushTarget(fx);
    user.push_script = { outcome: 'fraud', afterMs: 400 };
    const executions = () => fx.emu.stats().executions['users.send_verification_push'] ?? 0;
    const sent = executions();
    const out = await run('users.send_verification_push', { user_id: user.user_id, phone_id: phoneId, wait_seconds: 5 });
    delete user.push_script;
    expect(out.result).toBe('fraud');
    expect(executions()).toBe(sent + 1);
  });

  // Runs last: every answer the emulator gave above fits Duo's generated OpenAPI description.
  it('every emulator answer validates against the OpenAPI description', () => {
    const doc = buildOpenApi(endpoints);
    const mine = new Set(['users.bulk_create', 'users.bulk_send_to_trash', 'users.bulk_restore', 'bulk.operations', 'users.send_verification_push', 'users.verification_push_response', 'identity_verification.start', 'identity_verification.cancel', 'identity_verification.status']);
    const seen = new Set(fx.answers.map((a) => a.endpoint.id));
    expect([...mine].filter((id) => !seen.has(id))).toEqual([]);
    expect(fx.answers.flatMap((answer) => answerProblems(doc, answer))).toEqual([]);
  });
});
