import { createRandom, newUser, putUser } from '@duohub/emulator';
import type { User } from '@duohub/emulator';
import { expect } from 'vitest';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

const UNKNOWN_USER = 'DUNOSUCHUSER00000000';
const UNKNOWN_PHONE = 'DPNOSUCHPHONE0000000';
const random = createRandom(15);
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const badKeys = (input: unknown): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
const userIds = (fx: ContractFixture) => Object.keys(fx.parent.users).sort();

/** A fresh user of the parent account, made in state so the cases never touch the seed's users. */
export function freshUser(fx: ContractFixture, prefix: string): User {
  const user = newUser(fx.parent, `${prefix}-${Math.floor(random() * 1e9)}`, random, Date.now());
  putUser(fx.parent, user);
  return user;
}

/** A parent user with an activated push phone, and that phone. */
export function pushTarget(fx: ContractFixture): { user: User; phoneId: string } {
  const user = Object.values(fx.parent.users).find((u) =>
    u.status === 'active' && u.phone_ids.some((id) => fx.parent.phones[id]!.activated && fx.parent.phones[id]!.capabilities.includes('push')),
  )!;
  return { user, phoneId: user.phone_ids.find((id) => fx.parent.phones[id]!.activated)! };
}

/** Contract cases of the users bulk, bulk operations and verification actions. */
export const usersBulkContractCases: ContractCase[] = [
  {
    id: 'users.bulk_create',
    valid: () => {
      const names = [`bulk-contract-a-${Date.now()}`, `bulk-contract-b-${Date.now()}`];
      return {
        input: { users: [{ username: names[0], email: 'bulk-a@example.com' }, { username: names[1], status: 'bypass' }] },
        check: (out, fx) => {
          expect(out.created.map((u: any) => u.username)).toEqual(names);
          expect(out.created[1].status).toBe('bypass');
          for (const u of out.created) expect(fx.parent.users[u.user_id]?.username).toBe(u.username);
        },
      };
    },
    invalid: { input: { users: [] }, field: 'users' },
    duo: () => badKeys({ users: [{ username: 'never-made' }] }),
    dryRun: (fx) => ({
      input: { users: [{ username: 'bulk-dry-new' }, { username: Object.values(fx.parent.users)[0]!.username }] },
      snapshot: () => userIds(fx),
      check: (out) => expect(out.target.taken).toHaveLength(1),
    }),
  },
  {
    id: 'users.bulk_send_to_trash',
    valid: (fx) => {
      const [a, b] = [freshUser(fx, 'trash-a'), freshUser(fx, 'trash-b')];
      return {
        input: { users: [a.username, b.user_id] },
        check: (out, f) => {
          expect(out.trashed).toEqual([a.user_id, b.user_id]);
          expect(f.parent.users[a.user_id]).toBeUndefined();
          expect(f.parent.trash?.[b.user_id]?.user.username).toBe(b.username);
        },
      };
    },
    invalid: { input: { users: [] }, field: 'users' },
    duo: () => badKeys({ users: [UNKNOWN_USER] }),
    dryRun: (fx) => {
      const victim = freshUser(fx, 'trash-dry');
      return {
        input: { users: [victim.user_id] },
        snapshot: () => userIds(fx),
        check: (out) => expect(out.target.map((u: any) => u.user_id)).toEqual([victim.user_id]),
      };
    },
  },
  {
    id: 'users.bulk_restore',
    valid: async (fx, run) => {
      const user = freshUser(fx, 'restore');
      await run('users.bulk_send_to_trash', { users: [user.user_id] });
      return {
        input: { user_ids: [user.user_id] },
        check: (out, f) => {
          expect(out.restored).toEqual([user.user_id]);
          expect(f.parent.users[user.user_id]?.username).toBe(user.username);
          expect(f.parent.trash?.[user.user_id]).toBeUndefined();
        },
      };
    },
    invalid: { input: { user_ids: [] }, field: 'user_ids' },
    duo: () => badKeys({ user_ids: [UNKNOWN_USER] }),
    dryRun: (fx) => ({
      input: { user_ids: [UNKNOWN_USER, Object.keys(fx.parent.users)[0]!] },
      snapshot: () => [userIds(fx), Object.keys(fx.parent.trash ?? {}).sort()],
      check: (out) => expect(out.target.would_restore).toEqual([UNKNOWN_USER]),
    }),
  },
  {
    id: 'bulk.run',
    valid: (fx) => {
      const target = freshUser(fx, 'bulk-run');
      const name = `bulk-run-new-${Date.now()}`;
      return {
        input: {
          operations: [
            { method: 'POST', path: '/admin/v1/users', body: { username: name } },
            { method: 'POST', path: `/admin/v1/users/${target.user_id}`, body: { notes: 'set by bulk' } },
            { method: 'POST', path: '/admin/v1/users', body: { username: name } },
          ],
        },
        check: (out, f) => {
          expect(out.results.map((r: any) => r.stat)).toEqual(['OK', 'OK', 'FAIL']);
          expect(out.failed).toBe(1);
          expect(f.parent.users[out.results[0].response.user_id]?.username).toBe(name);
          expect(f.parent.users[target.user_id]?.notes).toBe('set by bulk');
        },
      };
    },
    invalid: { input: { operations: [] }, field: 'operations' },
    duo: () => badKeys({ operations: [{ method: 'GET', path: '/admin/v1/users' }] }),
    dryRun: (fx) => ({
      input: { operations: [{ method: 'DELETE', path: `/admin/v1/users/${Object.keys(fx.parent.users)[0]}` }] },
      snapshot: () => userIds(fx),
    }),
  },
  {
    id: 'users.send_verification_push',
    valid: (fx) => {
      const { user, phoneId } = pushTarget(fx);
      delete user.push_script;
      return {
        input: { username: user.username, phone_id: phoneId, wait_seconds: 10 },
        check: (out) => expect(out).toMatchObject({ user_id: user.user_id, phone_id: phoneId, result: 'approve' }),
      };
    },
    invalid: { input: { user_id: UNKNOWN_USER, phone_id: 'nope' }, field: 'phone_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER, phone_id: UNKNOWN_PHONE, wait_seconds: 0 }),
  },
  {
    id: 'users.verification_push_response',
    valid: async (fx, run) => {
      const { user, phoneId } = pushTarget(fx);
      user.push_script = { outcome: 'deny', afterMs: 0 };
      const sent = await run('users.send_verification_push', { user_id: user.user_id, phone_id: phoneId, wait_seconds: 0 });
      delete user.push_script;
      return {
        input: { user_id: user.user_id, push_id: sent.push_id },
        check: (out) => expect(out).toEqual({ user_id: user.user_id, push_id: sent.push_id, result: 'deny' }),
      };
    },
    invalid: { input: { user_id: UNKNOWN_USER, push_id: '' }, field: 'push_id' },
    duo: (fx) => notFound({ user_id: pushTarget(fx).user.user_id, push_id: 'no-such-push' }),
  },
  {
    id: 'identity_verification.start',
    valid: (fx) => {
      const user = freshUser(fx, 'idv-start');
      return {
        input: { username: user.username },
        check: (out) => {
          expect(out).toMatchObject({ user_id: user.user_id, status: 'pending' });
          expect(out.inquiry_id).toMatch(/^inq_/);
        },
      };
    },
    invalid: { input: { user_id: 'x' }, field: 'user_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER }),
  },
  {
    id: 'identity_verification.status',
    valid: async (fx, run) => {
      const user = freshUser(fx, 'idv-status');
      user.push_script = { outcome: 'timeout', afterMs: 0 };
      const started = await run('identity_verification.start', { user_id: user.user_id });
      return { input: { user_id: user.user_id }, check: (out) => expect(out).toMatchObject({ inquiry_id: started.inquiry_id, status: 'expired' }) };
    },
    invalid: { input: { user_id: 'x' }, field: 'user_id' },
    duo: (fx) => notFound({ user_id: freshUser(fx, 'idv-none').user_id }),
  },
  {
    id: 'identity_verification.cancel',
    valid: async (fx, run) => {
      const user = freshUser(fx, 'idv-cancel');
      user.push_script = { outcome: 'approve', afterMs: 600_000 };
      const started = await run('identity_verification.start', { user_id: user.user_id });
      return {
        input: { user_id: user.user_id, inquiry_id: started.inquiry_id },
        check: (out, f) => {
          expect(out).toMatchObject({ inquiry_id: started.inquiry_id, status: 'canceled' });
          expect(f.parent.identity_verifications?.[started.inquiry_id]?.canceled_at_ms).toBeTypeOf('number');
        },
      };
    },
    invalid: { input: { user_id: UNKNOWN_USER, inquiry_id: '' }, field: 'inquiry_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER, inquiry_id: 'inq_nope' }),
    dryRun: (fx) => {
      const user = freshUser(fx, 'idv-dry');
      const inquiry = { inquiry_id: 'inq_dryrunsample0000000000000', user_id: user.user_id, created_ms: Date.now(), resolve_at_ms: Date.now() + 600_000, outcome: 'approve' as const };
      fx.parent.identity_verifications = { ...fx.parent.identity_verifications, [inquiry.inquiry_id]: inquiry };
      return {
        input: { user_id: user.user_id, inquiry_id: inquiry.inquiry_id },
        snapshot: () => JSON.stringify(fx.parent.identity_verifications?.[inquiry.inquiry_id]),
        check: (out) => expect(out.target.status).toBe('pending'),
      };
    },
  },
];
