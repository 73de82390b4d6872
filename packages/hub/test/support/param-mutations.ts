import { conformsTo, resolveSchema, type JsonSchema } from './json-schema.js';
import type { OperationParameter } from './openapi-operations.js';
import type { SeededRandom } from './seeded-random.js';

/** One query or path parameter made wrong: its raw (already URI-encoded) value, repeated values, or removed. */
export interface ParamMutation {
  kind: string;
  in: 'query' | 'path';
  name: string;
  /** Encoded value(s) to send; `null` removes the parameter. */
  raw: string | string[] | null;
  /** Whether the declared schema refuses it (query values are coerced as the hub coerces them). */
  violates: boolean;
}

/** A query value as the hub reads it: numbers for numeric parameters when the text is numeric, else the text. */
export function coerceParam(schema: JsonSchema, text: string): unknown {
  if ((schema.type === 'integer' || schema.type === 'number') && /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text)) return Number(text);
  return text;
}

/** Mutations of every query and path parameter of an operation. */
export function paramMutations(params: OperationParameter[], doc: JsonSchema, r: SeededRandom): ParamMutation[] {
  const out: ParamMutation[] = [];
  for (const p of params) {
    if (p.in !== 'query' && p.in !== 'path') continue;
    const s = p.schema;
    const add = (kind: string, text: string | string[] | null, decoded?: unknown) => {
      const violates =
        text === null ? p.required : Array.isArray(text) ? !acceptsRepeats(s, doc) || !conformsTo(s, text, doc) : !conformsTo(s, decoded ?? coerceParam(s, decodeURIComponent(text)), doc);
      out.push({ kind, in: p.in as 'query' | 'path', name: p.name, raw: text, violates });
    };
    if (s.maxLength !== undefined) add('too_long', 'x'.repeat(s.maxLength + 1 + r.int(20)));
    else if (p.in === 'query') add('very_long', 'y'.repeat(2000 + r.int(4000)));
    if (Array.isArray(s.enum)) add('bad_enum', 'zz-not-a-choice');
    if (s.type === 'integer' || s.type === 'number') {
      add('wrong_type', r.pick(['abc', 'true', '1.5x', '']));
      if (s.maximum !== undefined) add('out_of_range', String(s.maximum + 1));
      if (s.minimum !== undefined) add('out_of_range', String(s.minimum - 1));
      add('huge_number', r.pick(['1e400', '99999999999999999999999', '-1e400']));
    }
    // Invalid UTF-8 and a lone-surrogate encoding: nothing decodes them to a string.
    add('lone_surrogate', r.pick(['%ED%A0%80', '%FF', 'ab%C0']), '\ufffd');
    if (p.in === 'query') {
      add('repeated', ['1', '2']);
      if (p.required) add('missing', null);
    } else {
      add('bad_escape', r.pick(['%', '%zz', 'a%2']), '\ufffd');
    }
  }
  return out;
}

/** Whether a query parameter is declared as a list (alone or as a branch): only then may it repeat (`?a=1&a=2`). */
export function acceptsRepeats(schema: JsonSchema, doc: JsonSchema): boolean {
  const branches: JsonSchema[] = [schema, ...((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[])];
  return branches.some((b) => resolveSchema(b, doc).type === 'array');
}
