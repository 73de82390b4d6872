import { describe, expect, it } from 'vitest';
import { groupDiff } from '../../src/actions/groups/group-diff.js';
import { groupNameMatch, pickGroupsByName } from '../../src/actions/groups/group-name-match.js';

describe('groupNameMatch', () => {
  it.each<[string, string, ReturnType<typeof groupNameMatch>]>([
    ['Sales', 'Sales', 'exact'],
    ['Sales', 'sales', 'folded'],
    [' Sales ', 'SALES', 'folded'],
    ['Sales', 'Sales EU', undefined],
    ['', 'x', undefined],
  ])('%j vs %j -> %s', (name, wanted, expected) => expect(groupNameMatch(name, wanted)).toBe(expected));
});

describe('pickGroupsByName', () => {
  const g = (group_id: string, name: string) => ({ group_id, name });
  it.each<[string, Array<{ group_id: string; name: string }>, string, string[]]>([
    ['one exact', [g('A', 'Ops'), g('B', 'Dev')], 'Ops', ['A']],
    ['exact beats folded', [g('A', 'Ops'), g('B', 'ops')], 'Ops', ['A']],
    ['folded when no exact', [g('A', 'OPS'), g('B', 'Dev')], 'ops', ['A']],
    ['two folded: ambiguous', [g('A', 'OPS'), g('B', 'Ops')], 'ops', ['A', 'B']],
    ['two exact: ambiguous', [g('A', 'Ops'), g('B', 'Ops')], 'Ops', ['A', 'B']],
    ['none', [g('A', 'Ops')], 'Dev', []],
  ])('%s', (_name, groups, wanted, ids) => expect(pickGroupsByName(groups, wanted).map((x) => x.group_id)).toEqual(ids));
});

describe('groupDiff', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
    ['a change', { desc: 'a' }, { desc: 'b' }, { desc: { from: 'a', to: 'b' } }],
    ['same value left out', { status: 'active' }, { status: 'active' }, {}],
    ['absent change left out', { name: 'x' }, { name: undefined }, {}],
    ['missing current reads null', {}, { desc: '' }, { desc: { from: null, to: '' } }],
    ['several', { name: 'x', status: 'active' }, { name: 'y', status: 'bypass' }, { name: { from: 'x', to: 'y' }, status: { from: 'active', to: 'bypass' } }],
  ])('%s', (_name, current, changes, diff) => expect(groupDiff(current, changes)).toEqual(diff));
});
