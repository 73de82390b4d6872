import { describe, expect, it } from 'vitest';
import { createIntegrationBody, emptyIntegrationForm, integrationPatchBody, type IntegrationFormState } from '../src/pages/integrations/integration-body.js';
import type { Integration } from '../src/pages/integrations/integration-types.js';
import { rejectedFields } from '../src/pages/integrations/rejected-fields.js';
import { applySharedHost, firstHost, initialSharedHost } from '../src/pages/integrations/shared-host.js';

const view = (api_host: string) => ({ api_host, integration_key: 'DIKEY', secret_key_hint: '…abcd' });
const stored = (hosts: Partial<Record<'admin' | 'accounts' | 'auth', string>>): Integration => ({
  id: 'I1',
  name: 'Parent',
  base_url: null,
  admin: hosts.admin ? view(hosts.admin) : null,
  accounts: hosts.accounts ? view(hosts.accounts) : null,
  auth: hosts.auth ? view(hosts.auth) : null,
});
const typed = (keys: Partial<Record<'admin' | 'accounts' | 'auth', string>>): IntegrationFormState => {
  const f = emptyIntegrationForm();
  f.name = 'New';
  for (const [k, ikey] of Object.entries(keys)) f.sets[k as 'admin'] = { ...f.sets[k as 'admin'], integration_key: ikey, secret_key: 's'.repeat(40) };
  return f;
};

describe('initialSharedHost', () => {
  it.each([
    ['a new integration', undefined, ''],
    ['three sets on one host (any case)', stored({ admin: 'api-1.duosecurity.com', accounts: 'API-1.duosecurity.com', auth: 'api-1.duosecurity.com' }), 'api-1.duosecurity.com'],
    ['one set', stored({ auth: 'api-2.duosecurity.com' }), 'api-2.duosecurity.com'],
    ['different hosts start split', stored({ admin: 'api-1.duosecurity.com', auth: 'api-2.duosecurity.com' }), null],
    ['no sets', stored({}), ''],
  ])('%s', (_n, it, host) => expect(initialSharedHost(it)).toBe(host));
});

describe('applySharedHost', () => {
  it('writes the host into the sets with keys typed, leaving blank sets out of the body', () => {
    const form = applySharedHost(typed({ admin: 'DIADMIN', auth: 'DIAUTH' }), 'api-1.duosecurity.com');
    expect(createIntegrationBody(form)).toEqual({
      name: 'New',
      admin: { api_host: 'api-1.duosecurity.com', integration_key: 'DIADMIN', secret_key: 's'.repeat(40) },
      auth: { api_host: 'api-1.duosecurity.com', integration_key: 'DIAUTH', secret_key: 's'.repeat(40) },
    });
  });
  it('changes the host of every stored set on edit, and only that', () => {
    const it = stored({ admin: 'api-1.duosecurity.com', auth: 'api-1.duosecurity.com' });
    const form: IntegrationFormState = {
      name: 'Parent',
      base_url: '',
      sets: {
        admin: { api_host: 'api-1.duosecurity.com', integration_key: 'DIKEY', secret_key: '', remove: false },
        accounts: { api_host: '', integration_key: '', secret_key: '', remove: false },
        auth: { api_host: 'api-1.duosecurity.com', integration_key: 'DIKEY', secret_key: '', remove: false },
      },
    };
    expect(integrationPatchBody(it, applySharedHost(form, 'api-9.duosecurity.com', it))).toEqual({
      admin: { api_host: 'api-9.duosecurity.com' },
      auth: { api_host: 'api-9.duosecurity.com' },
    });
    expect(integrationPatchBody(it, applySharedHost(form, 'API-1.duosecurity.com', it))).toEqual({});
  });
  it('a set being removed keeps its removal', () => {
    const it = stored({ admin: 'h', auth: 'h' });
    const form = typed({});
    form.sets.admin = { api_host: 'h', integration_key: 'DIKEY', secret_key: '', remove: false };
    form.sets.auth = { api_host: 'h', integration_key: 'DIKEY', secret_key: '', remove: true };
    form.name = 'Parent';
    expect(integrationPatchBody(it, applySharedHost(form, 'h', it))).toEqual({ auth: null });
  });
  it('firstHost takes the first host typed', () => {
    const f = typed({});
    f.sets.accounts.api_host = ' api-3.duosecurity.com ';
    expect(firstHost(f)).toBe('api-3.duosecurity.com');
    expect(firstHost(typed({}))).toBe('');
  });
});

describe('rejectedFields', () => {
  const set = (kind: 'admin' | 'accounts' | 'auth', status: string) => ({ kind, status, ok: status === 'ok', message: `${kind}: ${status}` });
  it.each([
    [[set('admin', 'wrong_secret_key')], ['admin.secret_key']],
    [[set('auth', 'wrong_host'), set('admin', 'wrong_integration_key')], ['admin.integration_key', 'auth.api_host']],
    [[set('accounts', 'wrong_application_type')], ['accounts.integration_key']],
    [[set('admin', 'ok'), set('auth', 'unreachable'), set('accounts', 'clock_skew'), set('admin', 'missing_grant')], []],
  ])('%j -> %j', (sets, fields) => {
    expect(rejectedFields({ ok: false, checked_at: 't', sets }).map((r) => r.field)).toEqual(fields);
  });
  it('carries the diagnosis as the message', () => {
    expect(rejectedFields({ ok: false, checked_at: 't', sets: [set('admin', 'wrong_secret_key')] })).toEqual([{ field: 'admin.secret_key', message: 'admin: wrong_secret_key' }]);
  });
});
