import { z } from 'zod';
import type { AnyAction } from './define-action.js';

/** A catalog entry as the API, UI and CLI list it: the declaration with JSON Schemas for its data. */
export interface ActionDescription {
  id: string;
  title: string;
  description: string;
  api: string;
  resource: string;
  idempotent: boolean;
  read_only: boolean;
  destructive: boolean;
  /** JSON Schema (2020-12) of the input, as a caller sends it (defaults optional). */
  input: Record<string, unknown>;
  /** JSON Schema (2020-12) of the output. */
  output: Record<string, unknown>;
}

const cache = new WeakMap<AnyAction, ActionDescription>();

/** Describes an action with JSON Schemas derived from its zod schemas (computed once per action). */
export function describeAction(action: AnyAction): ActionDescription {
  const hit = cache.get(action);
  if (hit) return hit;
  const description: ActionDescription = {
    id: action.id,
    title: action.title,
    description: action.description,
    api: action.api,
    resource: action.resource,
    idempotent: action.idempotent,
    read_only: action.readOnly ?? false,
    destructive: action.destructive ?? false,
    input: jsonSchema(action.input, 'input'),
    output: jsonSchema(action.output, 'output'),
  };
  cache.set(action, description);
  return description;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
