/**
 * The small type language Duo endpoint declarations are written in: a subset of JSON Schema
 * (so the OpenAPI description is a straight copy) plus type-level mapping to TypeScript, so
 * `ValueOf<typeof shape>` types SDK methods from the data. Not zod: the SDK has no runtime
 * dependencies, and a declaration must stay plain data that any package can read.
 */

/** A string; `enum` narrows the TypeScript type to its literals. */
export interface StringShape {
  type: 'string';
  enum?: readonly string[];
  minLength?: number;
  maxLength?: number;
  /** A regular expression the whole value must match (anchored by the validator). */
  pattern?: string;
  /** JSON Schema format, descriptive only (`email`, `uri`...). */
  format?: string;
  nullable?: boolean;
  description?: string;
}

/** A whole number. */
export interface IntegerShape {
  type: 'integer';
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  description?: string;
}

/** Any JSON number. */
export interface NumberShape {
  type: 'number';
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  description?: string;
}

/** true or false. */
export interface BooleanShape {
  type: 'boolean';
  nullable?: boolean;
  description?: string;
}

/** A list of one item shape. */
export interface ArrayShape {
  type: 'array';
  items: Shape;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  description?: string;
}

/** An object; unknown keys are allowed unless `additionalProperties` is false (Duo adds fields over time). */
export interface ObjectShape {
  type: 'object';
  properties: Readonly<Record<string, Shape>>;
  required?: readonly string[];
  /** false: no other keys; a shape: every other key's value. Default true. */
  additionalProperties?: boolean | Shape;
  nullable?: boolean;
  description?: string;
}

/** One of several shapes. */
export interface AnyOfShape {
  type?: never;
  anyOf: readonly Shape[];
  description?: string;
}

/** Anything (Duo's shape is not documented); `any` keeps it apart from the other shapes. */
export interface AnyShape {
  type?: never;
  any: true;
  description?: string;
}

/** Every shape the language knows. */
export type Shape = StringShape | IntegerShape | NumberShape | BooleanShape | ArrayShape | ObjectShape | AnyOfShape | AnyShape;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Nullable<S, T> = S extends { nullable: true } ? T | null : T;
type Deeper<D extends 0[]> = [...D, 0];
type RequiredKeys<S extends ObjectShape> = S['required'] extends readonly (infer K)[] ? Extract<K, keyof S['properties']> : never;
type ObjectOf<S extends ObjectShape, D extends 0[]> = Simplify<
  { [K in RequiredKeys<S>]: ValueOf<S['properties'][K], Deeper<D>> } & {
    [K in Exclude<keyof S['properties'], RequiredKeys<S>>]?: ValueOf<S['properties'][K], Deeper<D>>;
  } & (S['additionalProperties'] extends false ? unknown : { [key: string]: unknown })
>;
// Indexing, not `infer`: a declaration's enum is its literal tuple intersected with string[].
type ScalarOf<S> = S extends { enum: readonly string[] }
  ? S['enum'][number]
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'integer' | 'number' }
      ? number
      : S extends { type: 'boolean' }
        ? boolean
        : unknown;

/**
 * The TypeScript type of a value of shape `S`. Objects nested deeper than four levels read as
 * `unknown`: Duo's user (with phones, with users...) would otherwise outgrow tsc's depth limit.
 */
export type ValueOf<S, D extends 0[] = []> = D['length'] extends 4
  ? unknown
  : S extends { anyOf: readonly (infer U)[] }
    ? ValueOf<U, Deeper<D>>
    : S extends { type: 'array'; items: infer I }
      ? Nullable<S, ValueOf<I, Deeper<D>>[]>
      : S extends ObjectShape
        ? Nullable<S, ObjectOf<S, D>>
        : Nullable<S, ScalarOf<S>>;

/** Shape constructors: plain data out, literal types kept for `ValueOf`. */
export const t = {
  /** A string with optional limits. */
  string: <const O extends Omit<StringShape, 'type'> = {}>(o?: O) => ({ type: 'string', ...o }) as { type: 'string' } & O,
  /** One of the given strings. */
  enum: <const L extends readonly string[], const O extends Omit<StringShape, 'type' | 'enum'> = {}>(values: L, o?: O) =>
    ({ type: 'string', enum: values, ...o }) as { type: 'string'; enum: L } & O,
  /** A whole number with optional bounds. */
  integer: <const O extends Omit<IntegerShape, 'type'> = {}>(o?: O) => ({ type: 'integer', ...o }) as { type: 'integer' } & O,
  /** Any number. */
  number: <const O extends Omit<NumberShape, 'type'> = {}>(o?: O) => ({ type: 'number', ...o }) as { type: 'number' } & O,
  /** true or false. */
  boolean: <const O extends Omit<BooleanShape, 'type'> = {}>(o?: O) => ({ type: 'boolean', ...o }) as { type: 'boolean' } & O,
  /** A list of `items`. */
  array: <const I extends Shape, const O extends Omit<ArrayShape, 'type' | 'items'> = {}>(items: I, o?: O) =>
    ({ type: 'array', items, ...o }) as { type: 'array'; items: I } & O,
  /** An object with known `properties`; `required` lists the keys always present. */
  object: <const P extends Readonly<Record<string, Shape>>, const O extends Omit<ObjectShape, 'type' | 'properties'> = {}>(properties: P, o?: O) =>
    ({ type: 'object', properties, ...o }) as { type: 'object'; properties: P } & O,
  /** A value of any of `shapes`. */
  anyOf: <const U extends readonly Shape[]>(...shapes: U) => ({ anyOf: shapes }) as { anyOf: U },
  /** Anything; used where Duo documents no shape. */
  any: (description?: string): AnyShape => (description === undefined ? { any: true } : { any: true, description }),
};
