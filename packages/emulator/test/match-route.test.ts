import { describe, expect, it } from 'vitest';
import { ok } from '../src/duo-result.js';
import { matchRoute } from '../src/pipeline/match-route.js';
import { defineRoute, type Route } from '../src/route.js';

const route = (method: Route['method'], pattern: string): Route =>
  defineRoute({ method, pattern, api: 'admin', endpointClass: 'admin_get_one', handle: () => ok(pattern) });

const builtIns = [
  route('GET', '/admin/v1/users/:user_id'),
  route('POST', '/admin/v1/users/:user_id'),
  route('POST', '/admin/v1/users/enroll'),
  route('GET', '/admin/v1/users'),
  route('DELETE', '/admin/v1/users/:user_id/phones/:phone_id'),
];

describe('matchRoute', () => {
  it.each<[string, string, string, string | undefined, Record<string, string> | undefined]>([
    ['literal beats a parameter', 'POST', '/admin/v1/users/enroll', '/admin/v1/users/enroll', {}],
    ['parameter when no literal fits', 'POST', '/admin/v1/users/DU123', '/admin/v1/users/:user_id', { user_id: 'DU123' }],
    ['GET of the literal path falls to the parameter', 'GET', '/admin/v1/users/enroll', '/admin/v1/users/:user_id', { user_id: 'enroll' }],
    ['two parameters', 'DELETE', '/admin/v1/users/DU1/phones/DP2', '/admin/v1/users/:user_id/phones/:phone_id', { user_id: 'DU1', phone_id: 'DP2' }],
    ['path parameters are decoded', 'GET', '/admin/v1/users/a%20b', '/admin/v1/users/:user_id', { user_id: 'a b' }],
  ])('%s', (_name, method, path, pattern, params) => {
    const match = matchRoute([builtIns], method, path);
    expect(match.kind).toBe('found');
    if (match.kind === 'found') {
      expect(match.route.pattern).toBe(pattern);
      expect(match.path).toEqual(params);
    }
  });

  it.each<[string, string, string, string]>([
    ['unknown path', 'GET', '/admin/v1/nothing', 'not_found'],
    ['trailing slash is another path', 'GET', '/admin/v1/users/', 'not_found'],
    ['empty parameter segment', 'DELETE', '/admin/v1/users//phones/DP2', 'not_found'],
    ['known path, wrong method', 'PUT', '/admin/v1/users', 'wrong_method'],
  ])('%s', (_name, method, path, kind) => {
    expect(matchRoute([builtIns], method, path).kind).toBe(kind);
  });

  it('lists the allowed methods for a 405', () => {
    expect(matchRoute([builtIns], 'DELETE', '/admin/v1/users/DU1')).toEqual({ kind: 'wrong_method', allowed: ['GET', 'POST'] });
  });

  it('an earlier list (overrides) wins even over a more specific built-in', () => {
    const override = route('POST', '/admin/v1/users/:user_id');
    const match = matchRoute([[override], builtIns], 'POST', '/admin/v1/users/enroll');
    expect(match.kind === 'found' && match.route).toBe(override);
  });
});
