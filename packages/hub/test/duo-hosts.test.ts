import { describe, expect, it } from 'vitest';
import { HubConfigError, loadConfig } from '../src/config/load-config.js';
import { emulatorConnectTo } from '../src/demo/emulator-connect-to.js';
import { ANSWER_NOT_DUOS, classifyDuoFailure } from '../src/errors/classify-duo-failure.js';
import { duoErrorToHubError } from '../src/errors/duo-error-to-hub-error.js';
import { checkDuoTarget, duoTargetIssues } from '../src/integrations/check-duo-target.js';
import { duoOrigin } from '../src/integrations/duo-origin.js';
import { isDuoApiHost } from '../src/integrations/is-duo-api-host.js';
import { originProblem } from '../src/integrations/origin-problem.js';
import { scanError } from '../src/reports/mfa-coverage/scan-error.js';

describe('isDuoApiHost', () => {
  it.each([
    ['api-1a2b3c4d.duosecurity.com', true],
    ['API-1A2B3C4D.DuoSecurity.com', true],
    ['api-1a2b3c4d.duofederal.com', true],
    ['api-1a2b3c4d.duofederal.mil', false],
    ['api-1a2b3c4d.duosecurity.eu', false],
    ['api-test.duosecurity.com', true],
    ['admin-1a2b3c4d.duosecurity.com', false],
    ['duosecurity.com', false],
    ['api-.duosecurity.com', false],
    ['api-x-.duosecurity.com', false],
    ['a.api-1a2b3c4d.duosecurity.com', false],
    ['api-1a2b3c4d.duosecurity.com.evil.example', false],
    ['api-1a2b3c4d.duosecurity.com.', false],
    ['api-1a2b3c4d.notduosecurity.com', false],
    ['api-1a2b3c4d.duo.com', false],
    ['api-1a2b3c4d.duosecurity.co', false],
    ['localhost', false],
    ['127.0.0.1', false],
    ['169.254.169.254', false],
    ['10.0.0.1', false],
    ['', false],
  ])('%s -> %s', (host, expected) => {
    expect(isDuoApiHost(host)).toBe(expected);
  });
});

describe('originProblem', () => {
  it.each([
    ['http://127.0.0.1:9000', undefined],
    ['https://proxy.example:8443/', undefined],
    ['ftp://127.0.0.1', 'must use http or https'],
    ['file:///etc/passwd', 'must use http or https'],
    ['gopher://127.0.0.1:70', 'must use http or https'],
    ['javascript:alert(1)', 'must use http or https'],
    ['http://user:pw@127.0.0.1', 'must not contain credentials'],
    ['http://user@127.0.0.1', 'must not contain credentials'],
    ['http://127.0.0.1/duo', 'must not contain a path'],
    ['http://127.0.0.1/?a=1', 'must not contain a query'],
    ['http://127.0.0.1/?', 'must not contain a query'],
    ['http://127.0.0.1/#x', 'must not contain a fragment'],
    ['not a url', 'must be an http(s) origin such as http://127.0.0.1:9000'],
  ])('%s -> %s', (value, expected) => {
    expect(originProblem(value)).toBe(expected);
  });
});

describe('duoTargetIssues', () => {
  const off = { allowCustomOrigins: false };
  const on = { allowCustomOrigins: true };
  const duoHost = { field: 'auth.api_host', host: 'api-1a2b3c4d.duosecurity.com' };
  it.each([
    ['a Duo host, no base URL, setting off', off, { hosts: [duoHost] }, []],
    ['a Duo host with base_url null', off, { hosts: [duoHost], baseUrl: { field: 'base_url', value: null } }, []],
    ['a loopback host, setting off', off, { hosts: [{ field: 'admin.api_host', host: '127.0.0.1' }] }, ['admin.api_host']],
    ['a base URL, setting off', off, { hosts: [duoHost], baseUrl: { field: 'base_url', value: 'http://10.0.0.1' } }, ['base_url']],
    ['two bad hosts and a base URL, setting off', off, {
      hosts: [{ field: 'admin.api_host', host: 'localhost' }, duoHost, { field: 'accounts.api_host', host: 'internal.example' }],
      baseUrl: { field: 'base_url', value: 'http://127.0.0.1' },
    }, ['admin.api_host', 'accounts.api_host', 'base_url']],
    ['any host and a base URL, setting on', on, { hosts: [{ field: 'api_hostname', host: 'localhost' }], baseUrl: { field: 'base_url', value: 'http://127.0.0.1:1' } }, []],
    ['a non-http base URL, setting on', on, { hosts: [duoHost], baseUrl: { field: 'base_url', value: 'file:///etc/passwd' } }, ['base_url']],
    ['a base URL with a path, setting on', on, { hosts: [duoHost], baseUrl: { field: 'base_url', value: 'http://127.0.0.1/x' } }, ['base_url']],
  ])('%s', (_name, duo, target, fields) => {
    const issues = duoTargetIssues(duo, target);
    expect(issues.map((i) => i.field)).toEqual(fields);
    for (const issue of issues) expect(issue.in).toBe('body');
  });

  it('throws validation_failed naming the fields, never the values', () => {
    let thrown: any;
    try {
      checkDuoTarget(off, { hosts: [{ field: 'auth.api_host', host: 'metadata.internal' }], baseUrl: { field: 'base_url', value: 'http://169.254.169.254' } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown?.code).toBe('validation_failed');
    expect(thrown.status).toBe(400);
    expect(JSON.stringify(thrown.details)).not.toMatch(/metadata\.internal|169\.254/);
    expect(() => checkDuoTarget(off, { hosts: [{ field: 'x', host: 'api-1a2b3c4d.duofederal.com' }] })).not.toThrow();
  });
});

describe('duoOrigin and emulatorConnectTo', () => {
  const credentials = () => ({
    accounts: [
      { account_id: 'DA1', name: 'p', api_hostname: 'api-aaaaaaaa.duosecurity.com', parent_id: null, integrations: [] },
      {
        account_id: 'DA2',
        name: 'c',
        api_hostname: 'api-bbbbbbbb.duosecurity.com',
        parent_id: 'DA1',
        integrations: [{ type: 'auth' as const, name: 'a', integration_key: 'DI', secret_key: 's', api_hostname: 'api-cccccccc.duosecurity.com' }],
      },
    ],
  });
  const connectTo = emulatorConnectTo(credentials, 'http://127.0.0.1:5555');
  it.each([
    ['an account host', 'api-aaaaaaaa.duosecurity.com', null, 'http://127.0.0.1:5555'],
    ['a child account host, any case', 'API-BBBBBBBB.duosecurity.com', null, 'http://127.0.0.1:5555'],
    ['an integration host', 'api-cccccccc.duosecurity.com', null, 'http://127.0.0.1:5555'],
    ['a host the emulator does not know', 'api-dddddddd.duosecurity.com', null, undefined],
    ['a base URL wins', 'api-aaaaaaaa.duosecurity.com', 'http://127.0.0.1:7777', 'http://127.0.0.1:7777'],
  ])('%s', (_name, host, baseUrl, expected) => {
    expect(duoOrigin({ connectTo }, host, baseUrl)).toBe(expected);
  });
  it('connects to the host itself without a mapping', () => {
    expect(duoOrigin({}, 'api-aaaaaaaa.duosecurity.com', undefined)).toBeUndefined();
  });
});

describe('classifyDuoFailure and what reaches answers', () => {
  const sdk = (name: string, fields: Record<string, unknown>) => Object.assign(new Error(String(fields['message'] ?? 'x')), { name, ...fields });
  const htmlNotFound = sdk('DuoNotFoundError', { status: 404, message: 'HTTP 404 without a Duo error body (text/html): <h1>internal admin</h1>' });
  it.each([
    ['refused', sdk('DuoConnectionError', { failure: 'refused', sent: false, message: 'connect ECONNREFUSED 10.0.0.1:80' }), { kind: 'unreachable', sent: false }],
    ['reset', sdk('DuoConnectionError', { failure: 'reset', sent: true, message: 'socket hang up ECONNRESET' }), { kind: 'unreachable', sent: true }],
    ['timeout', sdk('DuoTimeoutError', { message: 'timed out after 10 ms' }), { kind: 'unreachable', sent: undefined }],
    ['an HTML page', htmlNotFound, { kind: 'not_duo' }],
    ['Duo JSON error', sdk('DuoForbiddenError', { status: 403, code: 40301, message: 'Access forbidden', messageDetail: 'nope' }), { kind: 'duo', status: 403, code: 40301, message: 'Access forbidden', messageDetail: 'nope' }],
    ['not an SDK error', new Error('ECONNREFUSED'), undefined],
  ])('%s', (_name, error, expected) => {
    expect(classifyDuoFailure(error)).toEqual(expected);
  });

  it('gives the same words for refused, reset and timed out, and never a foreign body', () => {
    const failures = [
      sdk('DuoConnectionError', { failure: 'refused', sent: false, message: 'connect ECONNREFUSED' }),
      sdk('DuoConnectionError', { failure: 'reset', sent: true, message: 'ECONNRESET' }),
      sdk('DuoTimeoutError', { message: 'ETIMEDOUT' }),
    ];
    const answers = failures.map((e) => JSON.stringify({ hub: duoErrorToHubError(e), scan: scanError(e) }));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).not.toMatch(/ECONN|ETIMEDOUT|refused|reset|timed/i);
    const foreign = duoErrorToHubError(htmlNotFound);
    expect(foreign?.message).toBe(ANSWER_NOT_DUOS);
    expect(JSON.stringify([foreign?.details, scanError(htmlNotFound)])).not.toMatch(/internal admin|404/);
  });
});

describe('DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('%s -> %s', (value, expected) => {
    expect(loadConfig({ DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: value }, '/tmp').allowCustomDuoOrigins).toBe(expected);
  });
  it.each(['yes', 'on', 'ture'])('refuses %s', (value) => {
    expect(() => loadConfig({ DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: value }, '/tmp')).toThrow(HubConfigError);
  });
});
