import { describe, expect, it } from 'vitest';
import { catalog } from '../../hub/src/actions/catalog.js';
import { describeAction } from '../../hub/src/actions/describe-action.js';
import type { ActionSummary } from '../src/pages/actions/action-summary.js';
import { groupCatalog } from '../src/pages/actions/group-catalog.js';

const a = (id: string, api: string, title = id, description = ''): ActionSummary => ({
  id, title, description, api, resource: id.split('.')[0]!, idempotent: true, read_only: false, destructive: false, input: {},
});
const list = [a('users.list', 'admin', 'List users'), a('accounts.list', 'accounts'), a('auth.ping', 'auth'), a('phones.get', 'admin'), a('users.delete', 'admin', 'Delete user', 'Deletes a user permanently'), a('x.y', 'zeta')];
const shape = (f = '') => groupCatalog(list, f).map((g) => [g.label, g.resources.map((r) => [r.resource, r.actions.map((x) => x.id)])]);

describe('groupCatalog', () => {
  it('groups by API in Admin, Accounts, Auth order, then by resource in catalog order', () => {
    expect(shape()).toEqual([
      ['Admin API', [['users', ['users.list', 'users.delete']], ['phones', ['phones.get']]]],
      ['Accounts API', [['accounts', ['accounts.list']]]],
      ['Auth API', [['auth', ['auth.ping']]]],
      ['zeta API', [['x', ['x.y']]]],
    ]);
  });
  it.each([
    ['users', ['users.list', 'users.delete']],
    ['DELETE', ['users.delete']],
    ['permanently', ['users.delete']],
    ['user list', ['users.list']],
    ['auth api', ['auth.ping']],
    ['nothing-like-this', []],
    ['  ', ['users.list', 'users.delete', 'phones.get', 'accounts.list', 'auth.ping', 'x.y']],
  ])('filter %j', (filter, ids) => {
    expect(groupCatalog(list, filter).flatMap((g) => g.resources.flatMap((r) => r.actions.map((x) => x.id)))).toEqual(ids);
  });
  it('keeps every action of the real catalog exactly once', () => {
    const described = catalog.map(describeAction) as unknown as ActionSummary[];
    const ids = groupCatalog(described).flatMap((g) => g.resources.flatMap((r) => r.actions.map((x) => x.id)));
    expect(ids.sort()).toEqual(described.map((d) => d.id).sort());
    expect(groupCatalog(described).map((g) => g.api)).toEqual(['admin', 'accounts', 'auth']);
  });
});
