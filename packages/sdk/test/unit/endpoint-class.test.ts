import { describe, expect, it } from 'vitest';
import { classifyEndpoint } from '../../src/index.js';

describe('classifyEndpoint', () => {
  it.each([
    ['GET', '/admin/v1/users', 'admin_get_page'],
    ['GET', '/admin/v1/users/DU1', 'admin_get_one'],
    ['GET', '/admin/v1/users/DU1/phones', 'admin_get_page'],
    ['GET', '/admin/v1/users/DU1/bypass_codes', 'admin_get_page'],
    ['POST', '/admin/v1/users', 'admin_modify'],
    ['DELETE', '/admin/v1/users/DU1', 'admin_modify'],
    ['GET', '/admin/v1/settings', 'admin_get_one'],
    ['GET', '/admin/v1/info/summary', 'admin_get_one'],
    ['GET', '/admin/v2/logs/authentication', 'admin_logs'],
    ['GET', '/admin/v1/logs/administrator', 'admin_logs'],
    ['POST', '/accounts/v1/account/list', 'accounts'],
    ['POST', '/auth/v2/auth', 'auth'],
    ['GET', '/auth/v2/ping', 'auth'],
    ['get', '/admin/v1/phones', 'admin_get_page'],
  ])('%s %s', (method, path, expected) => {
    expect(classifyEndpoint(method, path)).toBe(expected);
  });
});
