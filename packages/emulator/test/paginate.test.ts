import { describe, expect, it } from 'vitest';
import { DuoFailure } from '../src/duo-result.js';
import { paginate } from '../src/paginate.js';
import { createParams } from '../src/pipeline/create-params.js';

const items = Array.from({ length: 250 }, (_, i) => i);
const page = (query: Record<string, string>, overMaxLimit?: 'clamp' | 'error') =>
  paginate(items, createParams(Object.entries(query)), { defaultLimit: 100, maxLimit: 300, ...(overMaxLimit ? { overMaxLimit } : {}) });

describe('paginate', () => {
  it.each<[string, Record<string, string>, { first?: number; count: number; next?: number; prev?: number }]>([
    ['defaults', {}, { first: 0, count: 100, next: 100 }],
    ['second page', { offset: '100' }, { first: 100, count: 100, next: 200, prev: 0 }],
    ['last page has no next_offset', { offset: '200' }, { first: 200, count: 50, prev: 100 }],
    ['explicit limit', { limit: '10', offset: '5' }, { first: 5, count: 10, next: 15, prev: 0 }],
    ['prev_offset never below 0', { limit: '10', offset: '3' }, { first: 3, count: 10, next: 13, prev: 0 }],
    ['exact end', { limit: '50', offset: '200' }, { first: 200, count: 50, prev: 150 }],
    ['offset past the end', { offset: '400' }, { count: 0, prev: 300 }],
    ['over-max limit clamps', { limit: '1000' }, { first: 0, count: 250 }],
    ['blank limit means default', { limit: '' }, { first: 0, count: 100, next: 100 }],
  ])('%s', (_name, query, want) => {
    const { response, metadata } = page(query);
    expect(response.length).toBe(want.count);
    if (want.first !== undefined) expect(response[0]).toBe(want.first);
    expect(metadata.total_objects).toBe(250);
    expect(metadata.next_offset).toBe(want.next);
    expect(metadata.prev_offset).toBe(want.prev);
    expect('next_offset' in metadata).toBe(want.next !== undefined);
  });

  it('clamping uses the max as the page size', () => {
    const { response, metadata } = paginate(items, createParams([['limit', '301']]), { defaultLimit: 100, maxLimit: 200 });
    expect(response.length).toBe(200);
    expect(metadata.next_offset).toBe(200);
  });

  it.each<[string, Record<string, string>, 'clamp' | 'error' | undefined, string]>([
    ['over-max in strict mode', { limit: '301' }, 'error', 'limit'],
    ['zero limit', { limit: '0' }, undefined, 'limit'],
    ['negative offset', { offset: '-1' }, undefined, 'offset'],
    ['non-numeric limit', { limit: 'ten' }, undefined, 'limit'],
    ['fractional offset', { offset: '1.5' }, undefined, 'offset'],
  ])('%s -> 400/40002', (_name, query, mode, detail) => {
    let caught: unknown;
    try {
      page(query, mode);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DuoFailure);
    expect((caught as DuoFailure).result).toMatchObject({ status: 400, code: 40002, message_detail: detail });
  });

  it('an empty list has no offsets', () => {
    expect(paginate([], createParams([]), { defaultLimit: 100, maxLimit: 500 })).toEqual({
      response: [],
      metadata: { total_objects: 0 },
    });
  });
});
