import { describe, expect, it } from 'vitest';
import {
  createIntegrationBody,
  emptyIntegrationForm,
  formFromIntegration,
  integrationPatchBody,
  patchRunsChecks,
  type IntegrationFormState,
} from '../src/pages/integrations/integration-body.js';
import { isCheckReport, type Integration } from '../src/pages/integrations/integration-types.js';

const IKEY = 'DIAAAAAAAAAAAAAAAAAA';
const SECRET = 'a'.repeat(40);
const stored: Integration = {
  id: 'int_1',
  name: 'Parent',
  base_url: 'http://127.0.0.1:9000',
  admin: { api_host: 'api-1.duosecurity.com', integration_key: IKEY, secret_key_hint: '…aaaa' },
  accounts: null,
  auth: { api_host: 'api-1.duosecurity.com', integration_key: 'DIBBBBBBBBBBBBBBBBBB', secret_key_hint: '…bbbb' },
};

/** The edit form of `stored` with `change` applied. */
function edited(change: (f: IntegrationFormState) => void): IntegrationFormState {
  const f = formFromIntegration(stored);
  change(f);
  return f;
}

describe('createIntegrationBody', () => {
  it.each([
    ['only the name when no set is touched', (f: IntegrationFormState) => { f.name = ' Parent '; }, { name: 'Parent' }],
    [
      'a touched set with all three fields, trimmed, and the base URL',
      (f: IntegrationFormState) => {
        f.name = 'P';
        f.base_url = ' http://x:1 ';
        f.sets.auth = { api_host: ' h.example.com ', integration_key: IKEY, secret_key: SECRET, remove: false };
      },
      { name: 'P', base_url: 'http://x:1', auth: { api_host: 'h.example.com', integration_key: IKEY, secret_key: SECRET } },
    ],
    [
      'a half-filled set as typed (the hub names what is missing)',
      (f: IntegrationFormState) => { f.name = 'P'; f.sets.admin.secret_key = SECRET; },
      { name: 'P', admin: { api_host: '', integration_key: '', secret_key: SECRET } },
    ],
  ])('%s', (_name, change, want) => {
    const f = emptyIntegrationForm();
    change(f);
    expect(createIntegrationBody(f)).toEqual(want);
  });
});

describe('integrationPatchBody', () => {
  it.each<[string, (f: IntegrationFormState) => void, Record<string, unknown>]>([
    ['nothing when nothing changed (blank secrets keep the stored ones)', () => {}, {}],
    ['a rotation sends only the secret', (f) => { f.sets.admin.secret_key = SECRET; }, { admin: { secret_key: SECRET } }],
    ['a host differing only in case is not a change', (f) => { f.sets.admin.api_host = 'API-1.duosecurity.com'; }, {}],
    ['a new host alone', (f) => { f.sets.auth.api_host = 'api-2.duosecurity.com'; }, { auth: { api_host: 'api-2.duosecurity.com' } }],
    ['a rename', (f) => { f.name = 'Parent 2'; }, { name: 'Parent 2' }],
    ['a cleared base URL is null', (f) => { f.base_url = ' '; }, { base_url: null }],
    ['removing a stored set is null', (f) => { f.sets.auth.remove = true; f.sets.auth.secret_key = SECRET; }, { auth: null }],
    ['removing a set that is not stored sends nothing', (f) => { f.sets.accounts.remove = true; }, {}],
    [
      'a new set sends what was typed',
      (f) => { f.sets.accounts.api_host = 'api-1.duosecurity.com'; f.sets.accounts.secret_key = SECRET; },
      { accounts: { api_host: 'api-1.duosecurity.com', secret_key: SECRET } },
    ],
  ])('%s', (_name, change, want) => {
    expect(integrationPatchBody(stored, edited(change))).toEqual(want);
  });

  it('prefills names and hosts but never a secret', () => {
    const f = formFromIntegration(stored);
    expect(f.sets.admin).toEqual({ api_host: 'api-1.duosecurity.com', integration_key: IKEY, secret_key: '', remove: false });
    expect(f.sets.accounts).toEqual({ api_host: '', integration_key: '', secret_key: '', remove: false });
    expect(f.base_url).toBe('http://127.0.0.1:9000');
  });
});

describe('patchRunsChecks', () => {
  it.each<[Record<string, unknown>, boolean]>([
    [{}, false],
    [{ name: 'x' }, false],
    [{ auth: null }, false],
    [{ admin: { secret_key: SECRET } }, true],
    [{ base_url: null }, true],
  ])('%j -> %s', (body, want) => expect(patchRunsChecks(body)).toBe(want));
});

describe('isCheckReport', () => {
  it.each<[unknown, boolean]>([
    [{ ok: false, checked_at: 'x', sets: [] }, true],
    [{ issues: [] }, false],
    [null, false],
    [[], false],
  ])('%j -> %s', (v, want) => expect(isCheckReport(v)).toBe(want));
});

