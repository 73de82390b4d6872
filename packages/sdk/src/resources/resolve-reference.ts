import { DuoNotFoundError } from '../errors/error-classes.js';
import { DuoReferenceError, type ReferenceCandidate } from '../errors/duo-reference-error.js';

/** A lookup that finds the objects a reference may mean: a filtered list call, or a list walked and filtered. */
export type ReferenceFinder<T> = (reference: string) => Promise<readonly T[]> | AsyncIterable<T>;

/**
 * How one kind of Duo object is found from what people type. A family plugs in by giving its id
 * shape and getter, and the filters Duo offers for it (users: `username`, `email`; phones:
 * `number`; tokens: `serial`), or a walk of its list filtered here (groups by name).
 */
export interface ReferenceSpec<T> {
  /** What is meant, for messages: `user`, `phone`, `group`, `token`. */
  kind: string;
  /** The input the reference came from, named in errors. */
  field: string;
  /** The object's id (matches found twice by two finders count once). */
  idOf(item: T): string;
  /** What a person needs to tell candidates apart (id plus a name or number). */
  describe(item: T): ReferenceCandidate;
  /** When the reference has the shape of an id, the object with that id (a 404 falls through to the finders). */
  byId?: { matches(reference: string): boolean; get(id: string): Promise<T> };
  /** Tried in order; all their matches are pooled. */
  finders: ReadonlyArray<ReferenceFinder<T>>;
  /** Candidates listed in an ambiguity error at most (default 10). */
  maxCandidates?: number;
}

/**
 * The one object a reference names: an id fetched directly, else whatever the finders match.
 * Throws DuoReferenceError naming `spec.field` when nothing or several objects match.
 */
export async function resolveReference<T>(spec: ReferenceSpec<T>, reference: string): Promise<T> {
  if (spec.byId?.matches(reference)) {
    try {
      return await spec.byId.get(reference);
    } catch (error) {
      // A username may look like an id; only a real "no such id" lets the name lookups try.
      if (!(error instanceof DuoNotFoundError)) throw error;
    }
  }
  const matches: T[] = [];
  for (const find of spec.finders) {
    const found = find(reference);
    if (Symbol.asyncIterator in found) {
      for await (const item of found) matches.push(item);
    } else {
      matches.push(...(await found));
    }
  }
  return pickOneReference(matches, spec);
}

/** The single distinct match, or DuoReferenceError (none, or several with their descriptions). Pure. */
export function pickOneReference<T>(matches: readonly T[], spec: Pick<ReferenceSpec<T>, 'kind' | 'field' | 'idOf' | 'describe' | 'maxCandidates'>): T {
  const distinct = new Map<string, T>();
  for (const item of matches) if (!distinct.has(spec.idOf(item))) distinct.set(spec.idOf(item), item);
  const [only, ...others] = distinct.values();
  if (only !== undefined && others.length === 0) return only;
  if (only === undefined) throw new DuoReferenceError({ field: spec.field, kind: spec.kind, problem: 'none' });
  const candidates = [...distinct.values()].slice(0, spec.maxCandidates ?? 10).map((item) => spec.describe(item));
  throw new DuoReferenceError({ field: spec.field, kind: spec.kind, problem: 'several', candidates, matches: distinct.size });
}
