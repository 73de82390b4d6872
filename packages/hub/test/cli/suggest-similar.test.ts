import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/actions/catalog.js';
import { cliCommands } from '../../src/cli/cli-commands.js';
import { didYouMean, editDistance, suggestSimilar } from '../../src/cli/suggest-similar.js';

const commandNames = cliCommands.map((c) => c.name);
const actionIds = catalog.map((a) => a.id);

describe('editDistance (Damerau-Levenshtein, optimal string alignment)', () => {
  it.each([
    ['list', 'list', 0],
    ['lsit', 'list', 1], // two neighbours swapped: one edit
    ['lst', 'list', 1], // one missing
    ['lisst', 'list', 1], // one extra
    ['lisd', 'list', 1], // one wrong
    ['orgz', 'orgs', 1],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // OSA does not edit a swapped pair again
    ['users.lsit', 'users.list', 1],
    ['intergrations', 'integrations', 1],
    ['intgerations', 'integrations', 1],
    ['sevre', 'serve', 1],
  ])('%j -> %j: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('suggestSimilar', () => {
  it.each([
    ['orgz', ['orgs']],
    ['org', ['orgs']],
    ['integration', ['integrations']],
    ['intergrations', ['integrations']],
    ['tokns', ['tokens']],
    ['sevre', ['serve']],
    ['demo', []], // an exact name is not a suggestion of itself
    ['frobnicate', []],
    ['x', []],
  ])('command %j -> %j', (input, expected) => {
    expect(suggestSimilar(input, commandNames)).toEqual(expected);
  });

  it.each([
    ['user.list', 'users.list'],
    ['users.lsit', 'users.list'],
    ['users.lists', 'users.list'],
    ['Users.List', 'users.list'],
    ['phone.get', 'phones.get'],
  ])('action %j suggests %j first', (input, first) => {
    expect(suggestSimilar(input, actionIds)[0]).toBe(first);
  });

  it('keeps at most three, closest first, ties in the candidates order', () => {
    expect(suggestSimilar('cat', ['bat', 'cot', 'cut', 'car', 'cart'])).toEqual(['bat', 'cot', 'cut']);
    expect(suggestSimilar('cart', ['cat', 'cart2', 'dart'], 5)).toEqual(['cat', 'cart2', 'dart']);
  });

  it.each([
    [[], ''],
    [['orgs'], ' Did you mean orgs?'],
    [['a', 'b'], ' Did you mean a or b?'],
    [['a', 'b', 'c'], ' Did you mean a, b or c?'],
  ])('didYouMean(%j) = %j', (list, text) => {
    expect(didYouMean(list)).toBe(text);
  });
});
