import { resolveSchema, type JsonSchema } from './json-schema.js';
import { sampleFromSchema } from './sample-from-schema.js';
import type { SeededRandom } from './seeded-random.js';

/** One way of making one field wrong. */
export type MutationKind =
  | 'wrong_type'
  | 'null'
  | 'too_long'
  | 'very_long'
  | 'too_short'
  | 'out_of_range'
  | 'huge_number'
  | 'bad_enum'
  | 'bad_format'
  | 'lone_surrogate'
  | 'deep_nesting'
  | 'empty_object'
  | 'array_instead_of_object'
  | 'missing'
  | 'extra_field';

/** A change to one place of a JSON body: set `value` at `path`, or remove what is there. `path: []` is the body itself. */
export interface BodyMutation {
  kind: MutationKind;
  path: string[];
  value?: unknown;
  remove?: true;
}

/** The key added by `extra_field`; no schema of the hub declares it. */
export const EXTRA_KEY = 'zz_fuzz_extra';

/** Arrays nested `depth` deep, built without recursion. */
export function nested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function primaryType(s: JsonSchema, doc: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return (s.type as string[]).find((t) => t !== 'null');
  if (s.type) return s.type;
  if (Array.isArray(s.enum)) return typeof s.enum[0];
  const union: JsonSchema[] | undefined = s.anyOf ?? s.oneOf;
  if (union) for (const b of union) {
    const t = primaryType(resolveSchema(b, doc), doc);
    if (t && t !== 'null') return t;
  }
  return undefined;
}

/** The mutations that make sense for one field of schema `s` (each kind at most once). */
function fieldMutations(s: JsonSchema, doc: JsonSchema, path: string[], required: boolean, r: SeededRandom): BodyMutation[] {
  const out: BodyMutation[] = [];
  const add = (kind: MutationKind, value: unknown) => out.push({ kind, path, value });
  const type = primaryType(s, doc);
  const wrong: Record<string, unknown[]> = {
    string: [12345, true, 1.5],
    integer: ['12', 'abc', true],
    number: ['1.5', 'abc', false],
    boolean: ['maybe', 1, 'yes'],
    array: ['x', 7, { a: 1 }],
    object: ['x', 7, true],
  };
  add('wrong_type', r.pick(wrong[type ?? 'object'] ?? ['x']));
  add('null', null);
  if (type === 'string') {
    if (s.maxLength !== undefined) add('too_long', 'x'.repeat(s.maxLength + 1 + r.int(50)));
    else add('very_long', 'y'.repeat(2_000 + r.int(20_000)));
    if ((s.minLength ?? 0) > 0) add('too_short', 'x'.repeat(s.minLength - 1));
    if (s.format || s.pattern) add('bad_format', r.pick(['not a valid value', '!!bad!!', ' ']));
    add('lone_surrogate', r.pick(['ab\ud800cd', '\udc00', 'x\ud83d']));
  }
  if (type === 'integer' || type === 'number') {
    if (s.maximum !== undefined) add('out_of_range', s.maximum + (type === 'integer' ? 1 : 0.5));
    else if (s.minimum !== undefined) add('out_of_range', s.minimum - (type === 'integer' ? 1 : 0.5));
    add('huge_number', r.pick([1e308, 2 ** 64, -1e308, Number.MAX_SAFE_INTEGER + 2]));
  }
  if (type === 'array') {
    if (s.maxItems !== undefined) add('too_long', Array.from({ length: s.maxItems + 1 }, () => sampleFromSchema(s.items, doc)));
    if ((s.minItems ?? 0) > 0) add('too_short', []);
  }
  if (Array.isArray(s.enum)) add('bad_enum', 'zz-not-a-choice');
  if (type === 'object' || type === undefined) add('array_instead_of_object', r.pick([[], [sampleFromSchema(s, doc)]]));
  add('empty_object', {});
  add('deep_nesting', nested(r.pick([100, 1000, 3000])));
  if (required) out.push({ kind: 'missing', path, remove: true });
  return out;
}

/**
 * Every single-field mutation of a JSON body schema: each property (nested objects and the first
 * item of arrays of objects, up to `maxDepth`), an unknown key on each object, and the body
 * itself replaced. Values vary with `r`, kinds do not.
 */
export function bodyMutations(schema: JsonSchema | undefined, doc: JsonSchema, r: SeededRandom, maxDepth = 3): BodyMutation[] {
  const out: BodyMutation[] = [];
  const walk = (node: JsonSchema | undefined, path: string[], required: boolean, depth: number) => {
    const s = resolveSchema(node, doc);
    if (path.length > 0) out.push(...fieldMutations(s, doc, path, required, r));
    if (depth >= maxDepth) return;
    const objectBranch = s.properties ? s : ((s.anyOf ?? s.oneOf ?? []) as JsonSchema[]).map((b) => resolveSchema(b, doc)).find((b) => b.properties);
    if (objectBranch?.properties && (objectBranch === s || path.length > 0)) {
      const req = new Set<string>(objectBranch.required ?? []);
      for (const [key, child] of Object.entries<JsonSchema>(objectBranch.properties)) walk(child, [...path, key], req.has(key), depth + 1);
      out.push({ kind: 'extra_field', path: [...path, EXTRA_KEY], value: r.pick([1, 'x', { a: 1 }]) });
    }
    const items = s.type === 'array' ? resolveSchema(s.items, doc) : undefined;
    if (items?.properties) walk(items, [...path, '0'], false, depth + 1);
  };
  walk(schema, [], true, 0);
  out.push(
    { kind: 'array_instead_of_object', path: [], value: r.pick([[], [1, 2], [{}]]) },
    { kind: 'wrong_type', path: [], value: r.pick(['x', 42, true, null]) },
    { kind: 'deep_nesting', path: [], value: nested(r.pick([1000, 3000])) },
    { kind: 'empty_object', path: [], value: {} },
  );
  return out;
}

/**
 * `base` with one mutation applied. Containers missing on the way are created from `fill`
 * (a sample of the parent's schema), so an optional nested field can be made wrong too.
 */
export function applyBodyMutation(base: unknown, m: BodyMutation, fill: (path: string[]) => unknown): unknown {
  if (m.path.length === 0) return m.value;
  const root: any = structuredClone(base ?? {});
  if (root === null || typeof root !== 'object') return root;
  let at: any = root;
  for (let i = 0; i < m.path.length - 1; i++) {
    const key = m.path[i]!;
    if (at[key] === null || typeof at[key] !== 'object') at[key] = fill(m.path.slice(0, i + 1)) ?? (/^\d+$/.test(m.path[i + 1]!) ? [] : {});
    at = at[key];
  }
  const last = m.path[m.path.length - 1]!;
  if (m.remove) delete at[last];
  else at[last] = m.value;
  return root;
}

/** The schema node at a dotted body path (through properties, array items and object branches of unions). */
export function schemaAt(schema: JsonSchema | undefined, doc: JsonSchema, path: string[]): JsonSchema | undefined {
  let s: JsonSchema | undefined = resolveSchema(schema, doc);
  for (const key of path) {
    if (!s) return undefined;
    const branch: JsonSchema = s.properties ? s : (((s.anyOf ?? s.oneOf ?? []) as JsonSchema[]).map((b) => resolveSchema(b, doc)).find((b) => b.properties || b.items) ?? s);
    if (/^\d+$/.test(key) && branch.items) s = resolveSchema(branch.items, doc);
    else s = branch.properties?.[key] ? resolveSchema(branch.properties[key], doc) : undefined;
  }
  return s;
}
