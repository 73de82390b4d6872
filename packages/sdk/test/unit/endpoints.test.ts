import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkParamValue } from '../../src/endpoints/check-param-value.js';
import { pathParamNames } from '../../src/endpoints/define-endpoint.js';
import { endpoints } from '../../src/endpoints/index.js';
import type { ParamsOf } from '../../src/endpoints/params-of.js';
import { prepareEndpointCall } from '../../src/endpoints/prepare-endpoint-call.js';
import { t } from '../../src/endpoints/shape.js';
import { usersCreate, usersUpdate } from '../../src/endpoints/users.js';
import { phonesActivationUrl } from '../../src/endpoints/phones.js';
import { logsAuthentication } from '../../src/endpoints/logs.js';
import { DuoConfigError } from '../../src/index.js';

// Every endpoint Duo documents (method and path from ../shared/duo/ENDPOINTS.md, which compiles Duo's
// request collections and official Python client), kept as a fixture so the check runs without it.
const documented = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/duo-documented-endpoints.json', import.meta.url)), 'utf8'),
) as Array<{ resource: string; method: string; path: string }>;
const key = (method: string, path: string) => `${method} ${path.replace(/\{([a-z_]+)\}/g, ':$1').replace(/:[a-z_]+/g, ':id')}`;
const documentedKeys = new Set(documented.map((d) => key(d.method, d.path)));

// Declared although ENDPOINTS.md does not list them: Duo's own clients still call them.
const UNDOCUMENTED_BUT_CALLED = new Set([
  'GET /admin/v1/groups/:id', // python get_group(api_version=1), deprecated
  'POST /admin/v1/tokens/:id', // python update_token (totp_step)
  'GET /admin/v1/u2ftokens',
  'GET /admin/v1/u2ftokens/:id',
  'DELETE /admin/v1/u2ftokens/:id',
  'GET /admin/v1/users/:id/u2ftokens',
  'GET /admin/v1/desktoptokens',
  'POST /admin/v1/desktoptokens',
  'GET /admin/v1/desktoptokens/:id',
  'POST /admin/v1/desktoptokens/:id',
  'DELETE /admin/v1/desktoptokens/:id',
  'POST /admin/v1/desktoptokens/:id/activate',
  'GET /admin/v1/users/:id/desktoptokens',
  // Integrations: python 4.5 (Debian's) reads, modifies and deletes through legacy v1; python 5.x and ruby list and delete through v3.
  'GET /admin/v1/integrations',
  'GET /admin/v1/integrations/:id',
  'POST /admin/v1/integrations/:id',
  'DELETE /admin/v1/integrations/:id',
  'GET /admin/v3/integrations',
  'DELETE /admin/v3/integrations/:id',
]);

/** Documented endpoints declared so far (all of them); it only goes up. */
const DOCUMENTED_FLOOR = 169;

describe('the declarations', () => {
  it('declare each endpoint once', () => {
    expect(new Set(endpoints.map((e) => e.id)).size).toBe(endpoints.length);
    expect(new Set(endpoints.map((e) => key(e.method, e.path))).size).toBe(endpoints.length);
  });

  it("are Duo's documented endpoints, or ones Duo's clients still call (marked deprecated where Duo says so)", () => {
    const unknown = endpoints.map((e) => key(e.method, e.path)).filter((k) => !documentedKeys.has(k) && !UNDOCUMENTED_BUT_CALLED.has(k));
    expect(unknown).toEqual([]);
  });

  it(`cover at least ${DOCUMENTED_FLOOR} of the documented endpoints`, () => {
    const declared = new Set(endpoints.map((e) => key(e.method, e.path)));
    const covered = documented.filter((d) => declared.has(key(d.method, d.path)));
    const missing = documented.filter((d) => !declared.has(key(d.method, d.path)));
    const byResource = new Map<string, number>();
    for (const d of missing) byResource.set(d.resource, (byResource.get(d.resource) ?? 0) + 1);
    console.log(`endpoint declarations: ${covered.length} of ${documented.length} documented endpoints; not yet declared by resource: ${JSON.stringify(Object.fromEntries(byResource))}`);
    expect(covered.length).toBeGreaterThanOrEqual(DOCUMENTED_FLOOR);
  });

  it.each(endpoints.map((e) => [e.id, e] as const))('%s is well formed', (_id, e) => {
    for (const name of pathParamNames(e.path)) expect(e.params[name]).toBeDefined();
    expect(e.path.startsWith(`/${e.api === 'auth' ? 'auth' : e.api === 'accounts' ? 'accounts' : 'admin'}/`)).toBe(true);
    // Admin API endpoints name their permission, except child billing (Accounts API keys only).
    if (e.api === 'admin' && !e.path.startsWith('/admin/v1/billing/')) expect(e.grant).toBeDefined();
    if (e.api !== 'admin') expect(e.grant).toBeUndefined();
    if (e.paging?.style === 'offset') expect(Object.keys(e.params)).toEqual(expect.arrayContaining(['limit', 'offset']));
    if (e.paging?.style === 'cursor') expect(Object.keys(e.params)).toEqual(expect.arrayContaining(['limit', 'next_offset']));
    expect(e.docs).toMatch(/^https:\/\/duo\.com\/docs\//);
  });
});

describe('checkParamValue', () => {
  it.each<[string, Parameters<typeof checkParamValue>[0], unknown, RegExp | undefined]>([
    ['string ok', t.string(), 'a', undefined],
    ['string wrong type', t.string(), 5, /must be a string/],
    ['blank when non-empty needed', t.string({ minLength: 1 }), '', /non-empty/],
    ['too long', t.string({ maxLength: 3 }), 'abcd', /at most 3 characters/],
    ['pattern anchored', t.string({ pattern: '[0-9#*]?' }), '12', /must match/],
    ['enum', t.enum(['a', 'b']), 'c', /one of a, b/],
    ['integer ok', t.integer({ minimum: 1, maximum: 10 }), 10, undefined],
    ['integer fraction', t.integer(), 1.5, /an integer/],
    ['integer below', t.integer({ minimum: 1, maximum: 10 }), 0, /between 1 and 10/],
    ['integer NaN', t.integer(), Number.NaN, /an integer/],
    ['boolean', t.boolean(), 'true', /boolean/],
    ['array items', t.array(t.string()), ['a', 1], /each item of f must be a string/],
    ['array', t.array(t.string()), 'a', /array/],
  ])('%s', (_name, shape, value, problem) => {
    const found = checkParamValue(shape, value, 'f');
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });

  it('never repeats the value', () => {
    expect(checkParamValue(t.string({ maxLength: 3 }), 'secret-code', 'passcode')).not.toContain('secret');
  });
});

describe('prepareEndpointCall', () => {
  it('encodes path parameters and keeps the rest as Duo params', () => {
    expect(prepareEndpointCall(usersUpdate, { user_id: 'DU/1', notes: 'x', enable_auto_prompt: true })).toEqual({
      path: '/admin/v1/users/DU%2F1',
      params: { notes: 'x', enable_auto_prompt: true },
    });
  });

  it('sends digit booleans as "1"/"0" and repeats arrays', () => {
    expect(prepareEndpointCall(phonesActivationUrl, { phone_id: 'DP1', install: false }).params).toEqual({ install: '0' });
    expect(prepareEndpointCall(logsAuthentication, { mintime: 1, maxtime: 2, users: ['a', 'b'] }).params).toEqual({ mintime: 1, maxtime: 2, users: ['a', 'b'] });
  });

  it.each<[string, unknown, string]>([
    ['unknown', { username: 'a', nickname: 'b' }, 'nickname'],
    ['missing required', {}, 'username'],
    ['enum', { username: 'a', status: 'asleep' }, 'status'],
    ['wrong type', { username: 'a', enable_auto_prompt: 'yes' }, 'enable_auto_prompt'],
    ['not an object', 'x', 'params'],
  ])('refuses %s naming the field', (_name, input, field) => {
    let error: unknown;
    try {
      prepareEndpointCall(usersCreate, input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DuoConfigError);
    expect((error as DuoConfigError).field).toBe(field);
  });

  it('refuses a missing or empty path parameter', () => {
    expect(() => prepareEndpointCall(usersUpdate, { notes: 'x' })).toThrow(/user_id is required/);
    expect(() => prepareEndpointCall(usersUpdate, { user_id: '' })).toThrow(/user_id/);
  });
});

describe('ParamsOf', () => {
  it('types a method from the declaration', () => {
    type Create = ParamsOf<typeof usersCreate>;
    expectTypeOf<Create['username']>().toEqualTypeOf<string>();
    expectTypeOf<Create['status']>().toEqualTypeOf<'active' | 'bypass' | 'disabled' | undefined>();
    expectTypeOf<Create['enable_auto_prompt']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ParamsOf<typeof logsAuthentication>['users']>().toEqualTypeOf<string[] | undefined>();
  });
});
