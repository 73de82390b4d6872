import type { EndpointDeclaration } from '@duohub/sdk';
import { DuoFailure, failures } from './duo-result.js';
import type { DuoResult, Params } from './route.js';

/** Page sizes of one list endpoint (API.md 2.2) and what to do with an over-max `limit`. */
export interface PageDefaults {
  defaultLimit: number;
  maxLimit: number;
  /** Clamp to `maxLimit` (default) or answer 400/40002. */
  overMaxLimit?: 'clamp' | 'error';
}

/** One page of a v1 list: the items and Duo's top-level `metadata`. */
export interface Page<T> {
  response: T[];
  metadata: { total_objects: number; next_offset?: number; prev_offset?: number };
}

/**
 * Offset paging as Duo's v1 lists do it: `limit` (default/max per endpoint) and 0-based `offset`;
 * metadata carries `total_objects`, `next_offset` only when another page exists, `prev_offset` when offset > 0.
 */
export function paginate<T>(items: readonly T[], params: Params, defaults: PageDefaults): Page<T> {
  const limit = readCount(params, 'limit', 1) ?? defaults.defaultLimit;
  const offset = readCount(params, 'offset', 0) ?? 0;
  let effective = limit;
  if (limit > defaults.maxLimit) {
    if (defaults.overMaxLimit === 'error') fail('limit');
    effective = defaults.maxLimit;
  }
  const response = items.slice(offset, offset + effective);
  const metadata: Page<T>['metadata'] = { total_objects: items.length };
  if (offset + effective < items.length) metadata.next_offset = offset + effective;
  if (offset > 0) metadata.prev_offset = Math.max(0, offset - effective);
  return { response, metadata };
}

function readCount(params: Params, name: string, min: number): number | undefined {
  const text = params.get(name);
  if (text === undefined || text === '') return undefined;
  if (!/^\s*\d+\s*$/.test(text)) fail(name);
  const value = Number(text);
  if (value < min || !Number.isSafeInteger(value)) fail(name);
  return value;
}

function fail(name: string): never {
  throw new DuoFailure(failures.invalidParam(name) as Extract<DuoResult, { kind: 'fail' }>);
}

/** The page sizes a declared offset-paged list has, with the configured over-max behaviour. */
export function pageDefaults(endpoint: EndpointDeclaration, overMaxLimit: 'clamp' | 'error'): PageDefaults {
  if (endpoint.paging?.style !== 'offset') throw new TypeError(`${endpoint.id} is not an offset-paged list`);
  return { defaultLimit: endpoint.paging.defaultLimit, maxLimit: endpoint.paging.maxLimit, overMaxLimit };
}
