import { describe, expect, it } from 'vitest';
import { DuoNotFoundError, DuoReferenceError, isDuoId, pickOneReference, resolveReference, type ReferenceSpec } from '../../src/index.js';

interface Item {
  id: string;
  name: string;
}
const spec = { kind: 'group', field: 'group', idOf: (i: Item) => i.id, describe: (i: Item) => ({ id: i.id, name: i.name }) };
const a = { id: 'DGAAAAAAAAAAAAAAAAAA', name: 'Staff' };
const b = { id: 'DGBBBBBBBBBBBBBBBBBB', name: 'Staff' };

describe('isDuoId', () => {
  it.each<[string, string, boolean]>([
    ['DU0123456789ABCDEFGH', 'DU', true],
    ['DP0123456789ABCDEFGH', 'DU', false],
    ['DU0123456789abcdefgh', 'DU', false],
    ['DU0123456789ABCDEFG', 'DU', false],
    ['alice@example.com', 'DU', false],
  ])('%s as %s: %s', (value, prefix, ok) => expect(isDuoId(value, prefix)).toBe(ok));
});

describe('pickOneReference', () => {
  it.each<[string, Item[], string | undefined, 'none' | 'several' | undefined]>([
    ['one match', [a], a.id, undefined],
    ['the same object found twice', [a, a], a.id, undefined],
    ['no match', [], undefined, 'none'],
    ['two objects', [a, b], undefined, 'several'],
  ])('%s', (_name, matches, id, problem) => {
    if (id) return expect(pickOneReference(matches, spec).id).toBe(id);
    const error = (() => {
      try {
        pickOneReference(matches, spec);
      } catch (e) {
        return e as DuoReferenceError;
      }
      throw new Error('expected a DuoReferenceError');
    })();
    expect(error).toBeInstanceOf(DuoReferenceError);
    expect(error.field).toBe('group');
    expect(error.problem).toBe(problem);
    expect(error.candidates).toEqual(problem === 'several' ? [{ id: a.id, name: 'Staff' }, { id: b.id, name: 'Staff' }] : []);
  });

  it('caps the candidates listed but counts them all', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `DG${String(i).padStart(18, '0')}`, name: 'x' }));
    expect(() => pickOneReference(many, { ...spec, maxCandidates: 3 })).toThrow(/12 Duo groups match/);
  });
});

describe('resolveReference', () => {
  const byName = (items: Item[]) => async (r: string) => items.filter((i) => i.name === r);
  async function* walk(items: Item[]) {
    yield* items;
  }

  it('reads an id-shaped reference by id and asks no finder', async () => {
    let asked = false;
    const s: ReferenceSpec<Item> = { ...spec, byId: { matches: (r) => isDuoId(r, 'DG'), get: async () => a }, finders: [async () => ((asked = true), [])] };
    expect(await resolveReference(s, a.id)).toBe(a);
    expect(asked).toBe(false);
  });

  it('falls through to the finders when the id is unknown', async () => {
    const named = { id: 'DG0000000000000000XX', name: 'DGZZZZZZZZZZZZZZZZZZ' };
    const s: ReferenceSpec<Item> = {
      ...spec,
      byId: { matches: (r) => isDuoId(r, 'DG'), get: async () => Promise.reject(new DuoNotFoundError('no such group', { status: 404, code: 40401 })) },
      finders: [byName([named])],
    };
    expect(await resolveReference(s, named.name)).toBe(named);
  });

  it('pools promise and async-iterable finders', async () => {
    const s: ReferenceSpec<Item> = { ...spec, finders: [byName([a]), (r) => walk([b].filter((i) => i.name === r))] };
    await expect(resolveReference(s, 'Staff')).rejects.toMatchObject({ name: 'DuoReferenceError', problem: 'several' });
    await expect(resolveReference(s, 'Nobody')).rejects.toMatchObject({ problem: 'none', field: 'group' });
  });
});
