import { describe, expect, it } from 'vitest';
import { forgetOldest, touch } from '../../src/util/forget-oldest.js';

describe('forgetOldest', () => {
  it.each([
    ['under the bound: nothing goes', ['a', 'b'], 3, ['a', 'b']],
    ['one over: the oldest goes', ['a', 'b', 'c', 'd'], 3, ['b', 'c', 'd']],
    ['several over: the oldest go first', ['a', 'b', 'c', 'd', 'e'], 2, ['d', 'e']],
    ['a bound of zero empties it', ['a'], 0, []],
  ])('%s', (_name, keys, keep, left) => {
    const set = new Set(keys);
    const map = new Map(keys.map((k) => [k, k.toUpperCase()]));
    forgetOldest(set, keep);
    forgetOldest(map, keep);
    expect([...set]).toEqual(left);
    expect([...map.keys()]).toEqual(left);
  });
});

describe('touch', () => {
  it('makes an entry the most recent, so it is forgotten last', () => {
    const map = new Map([['a', 1], ['b', 2], ['c', 3]]);
    touch(map, 'a', 10);
    forgetOldest(map, 2);
    expect([...map]).toEqual([['c', 3], ['a', 10]]);
  });
});
