import { endpoints, phonesActivationUrl, settingsUpdate, usersCreate, authAuth, logsAuthentication } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { checkDeclaredParams } from '../src/params/check-declared-params.js';
import { createParams } from '../src/pipeline/create-params.js';
import { routes } from '../src/routes/index.js';

const params = (pairs: Array<[string, string]>) => createParams(pairs);

describe('checkDeclaredParams', () => {
  it.each<[string, Parameters<typeof checkDeclaredParams>[0], Array<[string, string]>, number | undefined, string | undefined]>([
    ['all fine', usersCreate, [['username', 'a'], ['status', 'Bypass']], undefined, undefined],
    ['missing required -> 40001', usersCreate, [], 40001, 'username'],
    ['blank required -> 40002', usersCreate, [['username', '  ']], 40002, 'username'],
    ['enum, case-insensitive', usersCreate, [['username', 'a'], ['status', 'asleep']], 40002, 'status'],
    ['boolean spellings', usersCreate, [['username', 'a'], ['enable_auto_prompt', 'yes']], 40002, 'enable_auto_prompt'],
    ['integer', phonesActivationUrl, [['valid_secs', '1.5']], 40002, 'valid_secs'],
    ['integer below minimum', phonesActivationUrl, [['valid_secs', '0']], 40002, 'valid_secs'],
    ['digit boolean', phonesActivationUrl, [['install', '1']], undefined, undefined],
    ['range', settingsUpdate, [['sms_batch', '11']], 40002, 'sms_batch'],
    ['length', settingsUpdate, [['helpdesk_message', 'x'.repeat(201)]], 40002, 'helpdesk_message'],
    ['unknown parameters are ignored', settingsUpdate, [['no_such_setting', 'x']], undefined, undefined],
    ['required enum', authAuth, [['username', 'a']], 40001, 'factor'],
    ['repeated values each checked', logsAuthentication, [['mintime', '1'], ['maxtime', '2'], ['sort', 'ts:up']], 40002, 'sort'],
    ['paging left to paginate', logsAuthentication, [['mintime', '1'], ['maxtime', '2'], ['limit', 'x']], undefined, undefined],
  ])('%s', (_name, endpoint, pairs, code, detail) => {
    const failure = checkDeclaredParams(endpoint, params(pairs));
    if (code === undefined) expect(failure).toBeUndefined();
    else expect(failure).toMatchObject({ status: 400, code, message_detail: detail });
  });
});

describe('built-in routes', () => {
  it('each answers a declared endpoint, the declaration giving method, pattern, family, grant and class', () => {
    for (const route of routes) {
      expect(route.endpoint, `${route.method} ${route.pattern}`).toBeDefined();
      const e = route.endpoint!;
      expect(route.method).toBe(e.method);
      expect(route.pattern).toBe(e.path.replace(/\{([a-z_]+)\}/g, ':$1'));
      expect([route.api, route.grant, route.endpointClass]).toEqual([e.api, e.grant, e.pacing]);
    }
  });

  it('cover every declaration', () => {
    const answered = new Set(routes.map((r) => r.endpoint!.id));
    expect(endpoints.filter((e) => !answered.has(e.id)).map((e) => e.id).sort()).toEqual([]);
  });
});
