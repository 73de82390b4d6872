import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { readBulkUser } from '../src/routes/admin/users-bulk.js';
import { toResult } from '../src/routes/admin/run-bulk-operation.js';
import { purgeTrash, restoreFromTrash, sendToTrash } from '../src/state/trash.js';
import { identityVerificationStatus, verificationPushResult, type IdentityVerification, type VerificationPush } from '../src/state/verification-records.js';
import type { Account } from '../src/state/types.js';
import { bind, parentKey } from './helpers/duo-call.js';

let now = Date.UTC(2026, 10, 22, 12, 0, 0);
let emu: Emulator;
let admin: ReturnType<typeof bind>;
let parent: Account;
const opts = () => ({ date: new Date(now) });

beforeEach(() => {
  now = Date.UTC(2026, 10, 22, 12, 0, 0);
  emu = createEmulator({ seed: 'demo', now: () => now });
  admin = bind(emu, parentKey(emu, 'admin'));
  parent = emu.state.accounts[emu.state.parent_account_id]!;
});

const call = (method: string, path: string, params: Record<string, string | number | boolean | string[]> = {}) =>
  admin(method, path, params, opts());
const someUsers = (n: number) => Object.values(parent.users).slice(0, n);

describe('readBulkUser', () => {
  it.each([
    [{ username: 'a' }, { username: 'a', status: 'active', fields: {} }],
    [{ username: 'b', status: 'Bypass', email: 'b@x' }, { username: 'b', status: 'bypass', fields: { email: 'b@x' } }],
    [{ username: '' }, undefined],
    [{ username: 'c', status: 'locked out' }, undefined],
    [{ username: 'd', alias1: 'x' }, undefined],
    [{ username: 'e', notes: 5 }, undefined],
    ['f', undefined],
    [null, undefined],
  ])('%j -> %j', (item, expected) => expect(readBulkUser(item)).toEqual(expected));
});

describe('verification records', () => {
  const push: VerificationPush = { push_id: 'p', user_id: 'u', phone_id: 'ph', sent_at_ms: 0, resolve_at_ms: 100, outcome: 'deny' };
  it.each([
    [0, 'waiting'],
    [99, 'waiting'],
    [100, 'deny'],
  ])('push at %i ms reads %s', (at, result) => expect(verificationPushResult(push, at)).toBe(result));

  const iv = (outcome: IdentityVerification['outcome'], canceled?: number): IdentityVerification => ({
    inquiry_id: 'i', user_id: 'u', created_ms: 0, resolve_at_ms: 100, outcome, ...(canceled === undefined ? {} : { canceled_at_ms: canceled }),
  });
  it.each([
    [iv('approve'), 50, 'pending'],
    [iv('approve'), 100, 'completed'],
    [iv('deny'), 100, 'failed'],
    [iv('fraud'), 100, 'failed'],
    [iv('timeout'), 100, 'expired'],
    [iv('approve', 50), 200, 'canceled'],
    [iv('approve', 150), 200, 'completed'],
  ])('%j at %i ms is %s', (record, at, status) => expect(identityVerificationStatus(record, at)).toBe(status));
});

describe('toResult', () => {
  it.each([
    [{ kind: 'ok', response: '' }, { stat: 'OK', response: '' }],
    [{ kind: 'ok_json', responseJson: '[1]' }, { stat: 'OK', response: [1] }],
    [{ kind: 'fail', status: 404, code: 40401, message: 'Resource not found' }, { stat: 'FAIL', code: 40401, message: 'Resource not found' }],
    [{ kind: 'fail', status: 400, code: 40002, message: 'm', message_detail: 'd' }, { stat: 'FAIL', code: 40002, message: 'm', message_detail: 'd' }],
  ] as const)('%j', (result, expected) => expect(toResult(result as never)).toEqual(expected));
});

describe('the Trash (state)', () => {
  it('trashes, restores, refuses a taken name and purges after the retention', () => {
    const [a, b] = someUsers(2);
    expect(sendToTrash(parent, a!.user_id, 0)).toBe(true);
    expect(parent.users[a!.user_id]).toBeUndefined();
    expect(restoreFromTrash(parent, a!.user_id)).toBeUndefined();
    expect(parent.users[a!.user_id]).toBe(a);
    expect(restoreFromTrash(parent, a!.user_id)).toBe('not_in_trash');
    sendToTrash(parent, b!.user_id, 0);
    expect(purgeTrash(parent, 7 * 86_400_000 - 1, 7)).toEqual([]);
    expect(purgeTrash(parent, 7 * 86_400_000, 7)).toEqual([b!.user_id]);
    expect(restoreFromTrash(parent, b!.user_id)).toBe('not_in_trash');
  });
});

describe('POST /admin/v1/users/bulk_create', () => {
  it('creates every user and answers them in order', async () => {
    const users = [{ username: 'bulk-a', email: 'a@x.test' }, { username: 'bulk-b', status: 'bypass' }];
    const res = await call('POST', '/admin/v1/users/bulk_create', { users: JSON.stringify(users) });
    expect(res.status).toBe(200);
    expect(res.body.response.map((u: any) => [u.username, u.status])).toEqual([['bulk-a', 'active'], ['bulk-b', 'bypass']]);
    expect(emu.stats().executions['users.bulk_create']).toBe(1);
  });

  it('creates nothing when one name is taken (all or nothing)', async () => {
    const taken = someUsers(1)[0]!.username;
    const before = Object.keys(parent.users).length;
    const res = await call('POST', '/admin/v1/users/bulk_create', { users: JSON.stringify([{ username: 'fresh' }, { username: taken }]) });
    expect(res.body).toMatchObject({ stat: 'FAIL', code: 40003, message_detail: 'users' });
    expect(Object.keys(parent.users).length).toBe(before);
  });

  it.each([
    ['not json', 40002],
    ['[]', 40002],
    [JSON.stringify(Array.from({ length: 101 }, (_, i) => ({ username: `u${i}` }))), 40002],
    [JSON.stringify([{ username: 'dup' }, { username: 'DUP' }]), 40003],
  ])('refuses users=%s with %i', async (users, code) => {
    const res = await call('POST', '/admin/v1/users/bulk_create', { users });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
  });

  it('answers 40001 without users and 40301 without the write grant', async () => {
    expect((await call('POST', '/admin/v1/users/bulk_create')).body.code).toBe(40001);
    Object.values(parent.integrations).find((i) => i.type === 'admin')!.grants!.write_resource = false;
    const res = await call('POST', '/admin/v1/users/bulk_create', { users: '[{"username":"x"}]' });
    expect([res.status, res.body.code]).toEqual([403, 40301]);
  });
});

describe('trash and restore over the API', () => {
  it('hides trashed users from reads, restores them, and purges them after trashRetentionDays', async () => {
    const [a, b] = someUsers(2).map((u) => u.user_id);
    expect((await call('POST', '/admin/v1/users/bulk_send_to_trash', { user_id_list: JSON.stringify([a, b]) })).body).toEqual({ stat: 'OK', response: '' });
    expect((await call('GET', `/admin/v1/users/${a}`)).status).toBe(404);
    expect((await call('GET', '/admin/v1/users', { user_id_list: JSON.stringify([a, b]) })).body.response).toEqual([]);
    // Repeatable, as deletes are.
    expect((await call('POST', '/admin/v1/users/bulk_send_to_trash', { user_id_list: JSON.stringify([a]) })).status).toBe(200);
    await call('POST', '/admin/v1/users/bulk_restore', { user_id_list: JSON.stringify([a]) });
    expect((await call('GET', `/admin/v1/users/${a}`)).body.response.user_id).toBe(a);
    now += 7 * 86_400_000;
    await call('POST', '/admin/v1/users/bulk_restore', { user_id_list: JSON.stringify([b]) });
    expect((await call('GET', `/admin/v1/users/${b}`)).status).toBe(404);
    expect(parent.trash?.[b!]).toBeUndefined();
  });

  it('refuses to restore a user whose username was taken meanwhile', async () => {
    const victim = someUsers(1)[0]!;
    await call('POST', '/admin/v1/users/bulk_send_to_trash', { user_id_list: JSON.stringify([victim.user_id]) });
    await call('POST', '/admin/v1/users', { username: victim.username });
    const res = await call('POST', '/admin/v1/users/bulk_restore', { user_id_list: JSON.stringify([victim.user_id]) });
    expect([res.status, res.body.code]).toEqual([400, 40003]);
  });

  it('DELETE removes a trashed user for good', async () => {
    const id = someUsers(1)[0]!.user_id;
    await call('POST', '/admin/v1/users/bulk_send_to_trash', { user_id_list: JSON.stringify([id]) });
    expect((await call('DELETE', `/admin/v1/users/${id}`)).status).toBe(200);
    expect(parent.trash?.[id]).toBeUndefined();
  });
});

describe('POST /admin/v1/bulk', () => {
  it('runs each operation through its route, a result each, continuing after a failure', async () => {
    const target = someUsers(1)[0]!;
    const operations = [
      { method: 'POST', path: '/admin/v1/users', body: { username: 'via-bulk' } },
      { method: 'POST', path: `/admin/v1/users/${target.user_id}`, body: { notes: 'bulk note' } },
      { method: 'DELETE', path: '/admin/v1/users/DUNOSUCHUSER00000000', body: {} },
      { method: 'GET', path: '/admin/v1/nowhere', body: {} },
      { method: 'POST', path: '/admin/v1/users', body: {} },
    ];
    const res = await call('POST', '/admin/v1/bulk', { operations: JSON.stringify(operations) });
    expect(res.status).toBe(200);
    const results = res.body.response;
    expect(results.map((r: any) => r.stat)).toEqual(['OK', 'OK', 'OK', 'FAIL', 'FAIL']);
    expect(results[0].response.username).toBe('via-bulk');
    expect(results[3].code).toBe(40401);
    expect(results[4]).toMatchObject({ code: 40001, message_detail: 'username' });
    expect(target.notes).toBe('bulk note');
    expect(emu.stats().executions['users.create']).toBe(1);
  });

  it('stops at the first failure under bulkOnFailure: stop', async () => {
    emu = createEmulator({ seed: 'demo', now: () => now, bulkOnFailure: 'stop' });
    admin = bind(emu, parentKey(emu, 'admin'));
    const operations = [
      { method: 'POST', path: '/admin/v1/users', body: {} },
      { method: 'POST', path: '/admin/v1/users', body: { username: 'never-made' } },
    ];
    const res = await call('POST', '/admin/v1/bulk', { operations: JSON.stringify(operations) });
    expect(res.body.response).toHaveLength(1);
  });

  it('refuses more than 50 operations, nested bulk calls, and checks each operation’s grant', async () => {
    const many = Array.from({ length: 51 }, () => ({ method: 'GET', path: '/admin/v1/users', body: {} }));
    expect((await call('POST', '/admin/v1/bulk', { operations: JSON.stringify(many) })).body.code).toBe(40002);
    const nested = [{ method: 'POST', path: '/admin/v1/bulk', body: { operations: '[]' } }];
    expect((await call('POST', '/admin/v1/bulk', { operations: JSON.stringify(nested) })).body.response[0]).toMatchObject({ stat: 'FAIL', code: 40002 });
    Object.values(parent.integrations).find((i) => i.type === 'admin')!.grants!.settings = false;
    const settings = [{ method: 'POST', path: '/admin/v1/settings', body: { caller_id: '+15555550100' } }];
    expect((await call('POST', '/admin/v1/bulk', { operations: JSON.stringify(settings) })).body.response[0]).toMatchObject({ stat: 'FAIL', code: 40301 });
  });
});

describe('verification push and identity verification', () => {
  const pushUser = () => {
    const user = Object.values(parent.users).find((u) => u.phone_ids.some((id) => parent.phones[id]!.activated && parent.phones[id]!.capabilities.includes('push')))!;
    const phoneId = user.phone_ids.find((id) => parent.phones[id]!.activated)!;
    return { user, phoneId };
  };

  it.each([
    ['approve', 'approve'],
    ['deny', 'deny'],
    ['fraud', 'fraud'],
    ['timeout', 'timeout'],
  ] as const)('a %s script answers waiting, then %s', async (outcome, result) => {
    const { user, phoneId } = pushUser();
    user.push_script = { outcome, afterMs: 1000 };
    const sent = await call('POST', `/admin/v1/users/${user.user_id}/send_verification_push`, { phone_id: phoneId });
    const pushId = sent.body.response.push_id;
    expect(typeof pushId).toBe('string');
    const read = () => call('GET', `/admin/v1/users/${user.user_id}/verification_push_response`, { push_id: pushId });
    expect((await read()).body.response).toEqual({ push_id: pushId, result: 'waiting' });
    now += 1000;
    expect((await read()).body.response.result).toBe(result);
  });

  it('refuses a phone the user does not have and an unknown push id', async () => {
    const { user } = pushUser();
    const other = Object.keys(parent.phones).find((id) => !user.phone_ids.includes(id))!;
    expect((await call('POST', `/admin/v1/users/${user.user_id}/send_verification_push`, { phone_id: other })).body).toMatchObject({ code: 40002 });
    expect((await call('GET', `/admin/v1/users/${user.user_id}/verification_push_response`, { push_id: 'nope' })).body.code).toBe(40401);
    expect((await call('POST', '/admin/v1/users/DUNOSUCHUSER00000000/send_verification_push', { phone_id: other })).body.code).toBe(40401);
  });

  it('identity verification follows the script and can be cancelled while pending', async () => {
    const { user } = pushUser();
    user.push_script = { outcome: 'deny', afterMs: 500 };
    const base = `/admin/v2/identity_verification/${user.user_id}`;
    expect((await call('GET', `${base}/status`)).body.code).toBe(40401);
    const started = (await call('POST', `${base}/start`)).body.response;
    expect(started).toMatchObject({ user_id: user.user_id, status: 'pending' });
    expect(started.inquiry_id).toMatch(/^inq_/);
    now += 500;
    expect((await call('GET', `${base}/status`)).body.response.status).toBe('failed');
    const second = (await call('POST', `${base}/start`)).body.response;
    const cancelled = (await call('POST', `${base}/cancel`, { inquiry_id: second.inquiry_id })).body.response;
    expect(cancelled.status).toBe('canceled');
    now += 10_000;
    expect((await call('GET', `${base}/status`)).body.response).toMatchObject({ inquiry_id: second.inquiry_id, status: 'canceled' });
    expect((await call('POST', `${base}/cancel`)).body.code).toBe(40001);
  });
});
