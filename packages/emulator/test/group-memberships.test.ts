import { describe, expect, it } from 'vitest';
import { blankAccount } from '../src/state/blank-account.js';
import { deleteGroup, groupMembers, groupNameTaken } from '../src/state/group-memberships.js';
import type { Account } from '../src/state/types.js';

function account(): Account {
  const a = blankAccount({ account_id: 'DA1', name: 'Test', api_hostname: 'api-test.duosecurity.com', parent_id: null });
  a.groups = {
    G1: { group_id: 'G1', name: 'Sales', desc: '', status: 'active' },
    G2: { group_id: 'G2', name: 'Ops', desc: '', status: 'bypass' },
  };
  const user = (user_id: string, group_ids: string[]) => ({ user_id, username: user_id, group_ids }) as unknown as Account['users'][string];
  a.users = { U1: user('U1', ['G1', 'G2']), U2: user('U2', ['G2']), U3: user('U3', []) };
  return a;
}

describe('group memberships', () => {
  it('lists a group\'s members in user order', () => {
    expect(groupMembers(account(), 'G2').map((u) => u.user_id)).toEqual(['U1', 'U2']);
    expect(groupMembers(account(), 'G9')).toEqual([]);
  });

  it('deleting a group removes every membership and nothing else', () => {
    const a = account();
    expect(deleteGroup(a, 'G2')).toBe(true);
    expect(a.groups['G2']).toBeUndefined();
    expect(Object.values(a.users).map((u) => u.group_ids)).toEqual([['G1'], [], []]);
    expect(deleteGroup(a, 'G2')).toBe(false);
  });

  it.each<[string, string, string | undefined, boolean]>([
    ['same name', 'Sales', undefined, true],
    ['other case and spaces', ' sales ', undefined, true],
    ['its own name on rename', 'Sales', 'G1', false],
    ['a new name', 'Finance', undefined, false],
  ])('groupNameTaken: %s', (_name, wanted, self, taken) => expect(groupNameTaken(account(), wanted, self)).toBe(taken));
});
