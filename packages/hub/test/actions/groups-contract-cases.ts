import type { Account, Group } from '@duohub/emulator';
import { expect } from 'vitest';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

export const UNKNOWN_GROUP = 'DGNOSUCHGROUP0000000';

let seq = 0;
/** Puts a fresh group (and optionally members) straight into the account, so cases never share one. */
export function arrangeGroup(account: Account, members = 0, fields: Partial<Group> = {}): Group {
  seq += 1;
  const group: Group = { group_id: `DGCONTRACT${String(seq).padStart(10, '0')}`, name: `Contract group ${seq}`, desc: '', status: 'active', ...fields };
  account.groups[group.group_id] = group;
  for (const user of Object.values(account.users).slice(0, members)) user.group_ids.push(group.group_id);
  return group;
}

const users = (fx: ContractFixture) => Object.values(fx.parent.users);
const memberIds = (fx: ContractFixture, groupId: string) => users(fx).filter((u) => u.group_ids.includes(groupId)).map((u) => u.user_id);
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });

/** The groups family's contract: every groups catalog action, on the parent account of the demo seed. */
export const groupContractCases: ContractCase[] = [
  {
    id: 'groups.list',
    valid: () => ({
      input: { limit: 2 },
      check: (out, fx) => {
        expect(out.items).toHaveLength(2);
        expect(out.total_objects).toBe(Object.keys(fx.parent.groups).length);
        expect(out.next_offset).toBe(2);
        expect(Object.keys(out.items[0]).sort()).toEqual(expect.arrayContaining(['group_id', 'name', 'desc', 'status']));
      },
    }),
    invalid: { input: { limit: 0 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'groups.get',
    valid: (fx) => {
      const g = arrangeGroup(fx.parent, 0, { name: 'Contract Lookup Team' });
      // A case-folded name finds the group when no exact spelling does.
      return { input: { group_name: 'contract lookup team' }, check: (out) => expect(out).toMatchObject({ group_id: g.group_id, name: 'Contract Lookup Team' }) };
    },
    invalid: { input: { group_id: 'not-an-id' }, field: 'group_id' },
    duo: () => notFound({ group_id: UNKNOWN_GROUP }),
  },
  {
    id: 'groups.list_members',
    valid: (fx) => {
      const g = arrangeGroup(fx.parent, 3);
      return {
        input: { group_id: g.group_id, limit: 2 },
        check: (out, f) => {
          expect(out.items.map((m: { user_id: string }) => m.user_id)).toEqual(memberIds(f, g.group_id).slice(0, 2));
          expect(Object.keys(out.items[0]).sort()).toEqual(['user_id', 'username']);
          expect(out).toMatchObject({ total_objects: 3, next_offset: 2 });
        },
      };
    },
    invalid: { input: { group_id: UNKNOWN_GROUP, limit: 0 }, field: 'limit' },
    duo: () => notFound({ group_id: UNKNOWN_GROUP }),
  },
  {
    id: 'groups.list_for_user',
    valid: (fx) => {
      const u = users(fx).find((x) => x.group_ids.length > 0)!;
      return { input: { user_id: u.user_id }, check: (out, f) => expect(out.items.map((g: { group_id: string }) => g.group_id)).toEqual(f.parent.users[u.user_id]!.group_ids) };
    },
    invalid: { input: { user_id: 'nope' }, field: 'user_id' },
    duo: () => notFound({ user_id: 'DUNOSUCHUSER00000000' }),
  },
  {
    id: 'groups.create',
    valid: () => ({
      input: { name: 'Contract Created Group', desc: 'made by the contract', status: 'bypass' },
      check: (out, fx) => {
        expect(out).toMatchObject({ name: 'Contract Created Group', desc: 'made by the contract', status: 'bypass' });
        expect(fx.parent.groups[out.group_id]).toMatchObject({ name: 'Contract Created Group', status: 'bypass' });
      },
    }),
    invalid: { input: { name: '' }, field: 'name' },
    duo: () => badKeys({ name: 'Never Made Group' }),
  },
  {
    id: 'groups.update',
    valid: (fx) => {
      const g = arrangeGroup(fx.parent);
      const renamed = `${g.name} renamed`;
      return {
        input: { group_id: g.group_id, name: renamed, status: 'disabled' },
        check: (out, f) => {
          expect(out).toMatchObject({ group_id: g.group_id, name: renamed, status: 'disabled' });
          expect(f.parent.groups[g.group_id]).toMatchObject({ name: renamed, status: 'disabled' });
        },
      };
    },
    invalid: { input: { group_id: UNKNOWN_GROUP }, field: 'name' },
    duo: () => notFound({ group_id: UNKNOWN_GROUP, desc: 'x' }),
    dryRun: (fx) => {
      const g = arrangeGroup(fx.parent, 0, { desc: 'before' });
      return {
        input: { group_name: g.name, desc: 'after', status: 'active' },
        snapshot: () => json(fx.parent.groups[g.group_id]),
        // status is already active: only desc would change.
        check: (out) => expect(out.diff).toEqual({ desc: { from: 'before', to: 'after' } }),
      };
    },
  },
  {
    id: 'groups.delete',
    valid: (fx) => {
      const g = arrangeGroup(fx.parent, 2);
      return {
        input: { group_name: g.name },
        check: (out, f) => {
          expect(out).toEqual({ deleted: true, group_id: g.group_id });
          expect(f.parent.groups[g.group_id]).toBeUndefined();
          expect(memberIds(f, g.group_id)).toEqual([]);
        },
      };
    },
    invalid: { input: { group_id: 'nope' }, field: 'group_id' },
    duo: () => ({ ...notFound({ group_id: UNKNOWN_GROUP }), dryRun: true }),
    dryRun: (fx) => {
      const g = arrangeGroup(fx.parent, 2);
      return {
        input: { group_id: g.group_id },
        snapshot: () => json({ group: fx.parent.groups[g.group_id], members: memberIds(fx, g.group_id) }),
        check: (out) => expect(out.changes).toMatch(/2 membership/),
      };
    },
  },
  {
    id: 'groups.add_user',
    valid: (fx) => {
      const g = arrangeGroup(fx.parent);
      const u = users(fx)[1]!;
      return {
        input: { username: u.username, group_name: g.name },
        check: (out, f) => {
          expect(out).toEqual({ added: true, user_id: u.user_id, group_id: g.group_id });
          expect(f.parent.users[u.user_id]!.group_ids).toContain(g.group_id);
        },
      };
    },
    invalid: { input: { user_id: 'DUNOSUCHUSER00000000' }, field: 'group_id' },
    duo: () => notFound({ user_id: 'DUNOSUCHUSER00000000', group_id: UNKNOWN_GROUP }),
    dryRun: (fx) => {
      const g = arrangeGroup(fx.parent, 0, { status: 'bypass' });
      const u = users(fx)[2]!;
      return {
        input: { user_id: u.user_id, group_id: g.group_id },
        snapshot: () => json(fx.parent.users[u.user_id]),
        check: (out) => expect(out.changes).toMatch(/status bypass/),
      };
    },
  },
  {
    id: 'groups.remove_user',
    valid: (fx) => {
      const g = arrangeGroup(fx.parent, 1);
      const u = users(fx)[0]!;
      return {
        input: { user_id: u.user_id, group_id: g.group_id },
        check: (out, f) => {
          expect(out).toEqual({ removed: true, user_id: u.user_id, group_id: g.group_id });
          expect(f.parent.users[u.user_id]!.group_ids).not.toContain(g.group_id);
          expect(f.parent.groups[g.group_id]).toBeDefined();
        },
      };
    },
    invalid: { input: { user_id: 'DUNOSUCHUSER00000000', group_id: UNKNOWN_GROUP, extra: true }, field: 'extra' },
    duo: () => ({ ...notFound({ user_id: 'DUNOSUCHUSER00000000', group_id: UNKNOWN_GROUP }), dryRun: true }),
    dryRun: (fx) => {
      const g = arrangeGroup(fx.parent, 1);
      const u = users(fx)[0]!;
      return { input: { user_id: u.user_id, group_name: g.name }, snapshot: () => json(fx.parent.users[u.user_id]) };
    },
  },
];
