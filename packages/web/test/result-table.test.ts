import { describe, expect, it } from 'vitest';
import { compactValue, resultTable } from '../src/pages/actions/result-table.js';
import { dryRunReport, oneTimeCodes } from '../src/pages/actions/result-extras.js';

describe('resultTable', () => {
  it('takes a page of items with its metadata aside, columns in first-seen order', () => {
    const t = resultTable({ items: [{ user_id: 'U1', username: 'a' }, { user_id: 'U2', email: 'b@x', username: 'b' }], next_offset: 2, total_objects: 9 });
    expect(t).toEqual({
      columns: ['user_id', 'username', 'email'],
      rows: [{ user_id: 'U1', username: 'a' }, { user_id: 'U2', email: 'b@x', username: 'b' }],
      from: 'items',
      meta: { next_offset: 2, total_objects: 9 },
    });
  });
  it.each([
    ['a bare list of objects', [{ a: 1 }], { columns: ['a'], from: null }],
    ['the one list of objects in an object', { user_id: 'U', codes_meta: [{ id: 1 }] }, { columns: ['id'], from: 'codes_meta', meta: { user_id: 'U' } }],
    ['an empty items list', { items: [], total_objects: 0 }, { columns: [], rows: [], from: 'items' }],
  ])('%s', (_n, output, expected) => expect(resultTable(output)).toMatchObject(expected));
  it.each([
    ['a single object', { user_id: 'U', username: 'a' }],
    ['a dry-run report', { dry_run: true, target: { items: [{ a: 1 }] }, changes: 'x', items: [{ a: 1 }] }],
    ['a list of strings', ['a', 'b']],
    ['an empty list', []],
    ['two lists of objects, none called items', { a: [{ x: 1 }], b: [{ y: 1 }] }],
    ['a scalar', 3],
    ['null', null],
  ])('no table for %s', (_n, output) => expect(resultTable(output)).toBeNull());
});

describe('compactValue', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['text', 'text'],
    [3, '3'],
    [false, 'false'],
    [[], ''],
    [['a', 'b', 1], 'a, b, 1'],
    [[{ name: 'Sales' }, { name: 'IT' }], 'Sales, IT'],
    [[{ number: '+1555' }], '+1555'],
    [[{ id: 1 }, { id: 2 }], '2 items'],
    [[{ id: 1 }], '1 item'],
    [{ a: 1 }, '{"a":1}'],
    ['x'.repeat(100), `${'x'.repeat(79)}…`],
  ])('%j -> %j', (value, text) => expect(compactValue(value)).toBe(text));
  it('cuts by characters, not UTF-16 units', () => expect(compactValue('😀😀😀', 2)).toBe('😀…'));
});

describe('dryRunReport', () => {
  it('reads a dry-run answer', () => {
    expect(dryRunReport({ dry_run: true, target: { username: 'a' }, changes: 'would delete a' })).toEqual({ target: { username: 'a' }, changes: 'would delete a' });
    expect(dryRunReport({ dry_run: true, target: {}, changes: 'c', diff: { x: { from: 1, to: 2 } } })?.diff).toEqual({ x: { from: 1, to: 2 } });
  });
  it.each([[{ deleted: true }], [{ dry_run: false, changes: 'x' }], [{ dry_run: true }], [null], ['x']])('null for %j', (o) => expect(dryRunReport(o)).toBeNull());
});

describe('oneTimeCodes', () => {
  it('finds new bypass codes', () => expect(oneTimeCodes({ user_id: 'U', codes: ['1234', '5678'], preserve_existing: false })).toEqual(['1234', '5678']));
  it.each([
    [{ dry_run: true, codes: ['1'] }],
    [{ codes: [] }],
    [{ codes: [1, 2] }],
    [{ items: [] }],
    [[]],
  ])('null for %j', (o) => expect(oneTimeCodes(o)).toBeNull());
});
