import { paramLocation, type EndpointDeclaration, type ParamSpec, type Shape } from '@duohub/sdk';
import { failures } from '../duo-result.js';
import type { DuoResult, Params } from '../route.js';
import { parseBool } from './read-param.js';

type Failure = Extract<DuoResult, { kind: 'fail' }>;

/**
 * Checks a request's parameters against its declaration, as Duo answers: a missing required one
 * -> 400/40001, a blank required one or a value of the wrong type, enum, length, pattern or range
 * -> 400/40002 (detail: the name). Values arrive as text, so they are parsed per shape (booleans
 * in Duo's spellings, enums case-insensitively). Unknown parameters are ignored, as Duo ignores
 * them; path parameters are the router's; paging parameters are `paginate`'s (it knows the
 * configured over-max behaviour).
 */
export function checkDeclaredParams(endpoint: EndpointDeclaration, params: Params): Failure | undefined {
  const pagingOwned = endpoint.paging && endpoint.paging.style !== 'none' ? PAGING : NONE;
  for (const [name, spec] of Object.entries(endpoint.params)) {
    if (paramLocation(endpoint, name) === 'path' || pagingOwned.has(name)) continue;
    const values = params.getAll(name);
    if (values.length === 0) {
      if (spec.required === true) return failures.missingParam(name) as Failure;
      continue;
    }
    if (spec.required === true && spec.type === 'string' && values[0]!.trim() === '') return failures.invalidParam(name) as Failure;
    // Objects arrive only in JSON bodies; their contents are the handler's to check.
    if (spec.type === 'object') {
      if (!isObject(params.json(name))) return failures.invalidParam(name) as Failure;
      continue;
    }
    if (spec.type === 'array' && 'type' in spec.items && spec.items.type === 'object') {
      const list = params.json(name);
      if (!Array.isArray(list) || !list.every(isObject)) return failures.invalidParam(name) as Failure;
      continue;
    }
    const items = spec.type === 'array' ? values : values.slice(0, 1);
    const itemShape: Shape = spec.type === 'array' ? spec.items : (spec as Shape);
    if (!items.every((text) => textFits(itemShape, text))) return failures.invalidParam(name) as Failure;
  }
  return undefined;
}

const PAGING = new Set(['limit', 'offset', 'next_offset']);
const NONE = new Set<string>();

/** Whether a parameter's text reads as a value of `shape`. */
export function textFits(shape: Shape, text: string): boolean {
  if (!('type' in shape)) return true;
  switch (shape.type) {
    case 'string':
      if (shape.enum && !shape.enum.some((v) => v.toLowerCase() === text.trim().toLowerCase())) return false;
      if (shape.maxLength !== undefined && text.length > shape.maxLength) return false;
      return shape.pattern === undefined || new RegExp(`^(?:${shape.pattern})$`).test(text);
    case 'integer':
    case 'number': {
      const ok = shape.type === 'integer' ? /^\s*-?\d+\s*$/.test(text) : text.trim() !== '' && Number.isFinite(Number(text));
      if (!ok) return false;
      const value = Number(text);
      return (shape.minimum === undefined || value >= shape.minimum) && (shape.maximum === undefined || value <= shape.maximum);
    }
    case 'boolean':
      return parseBool(text) !== undefined;
    default:
      return true;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
