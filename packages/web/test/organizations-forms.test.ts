import { describe, expect, it } from 'vitest';
import { formFromOrganization, organizationPatchBody, type OrganizationForm } from '../src/pages/organizations/organization-patch-body.js';
import { parseDomains, sameDomains } from '../src/pages/organizations/parse-domains.js';
import type { Organization } from '../src/pages/organizations/organization-types.js';
import { accountOptions } from '../src/pages/organizations/account-options.js';

const DA = 'DA' + 'A'.repeat(18);
const DB = 'DA' + 'B'.repeat(18);
const mapped: Organization = {
  id: 'org_1',
  name: 'Acme',
  email_domains: ['acme.com', 'acme.io'],
  integration_id: 'int_1',
  duo_account_id: DA,
  duo_account_name: 'Acme Corporation',
  mapping_source: 'suggested',
  mapping_confidence: 0.92,
  mapping_reason: 'name',
  duo_admin_api_directory_key_hint: '…wxyz',
  auth: { api_host: 'api-aaaa1111.duosecurity.com', integration_key: 'DI' + 'A'.repeat(18), secret_key_hint: '…s3cr' },
};
const unmapped: Organization = { ...mapped, id: 'org_2', integration_id: null, duo_account_id: null, duo_account_name: null, mapping_source: null, mapping_confidence: null, duo_admin_api_directory_key_hint: null, auth: null };

describe('parseDomains', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['  ', []],
    ['acme.com', ['acme.com']],
    ['Acme.COM, acme.io;@globex.com\nacme.com', ['acme.com', 'acme.io', 'globex.com']],
    [' a.org  b.org ,, ', ['a.org', 'b.org']],
  ])('%j', (text, want) => expect(parseDomains(text)).toEqual(want));
});

describe('sameDomains', () => {
  it.each<[string[], string[], boolean]>([
    [[], [], true],
    [['a.com', 'b.com'], ['b.com', 'a.com'], true],
    [['a.com'], ['a.com', 'b.com'], false],
    [['a.com', 'b.com'], ['a.com', 'a.com'], false],
  ])('%j %j', (a, b, want) => expect(sameDomains(a, b)).toBe(want));
});

describe('organizationPatchBody', () => {
  const edit = (o: Organization, change: Partial<OrganizationForm>) => organizationPatchBody(o, { ...formFromOrganization(o, 'int_1'), ...change });

  it.each<[string, Organization, Partial<OrganizationForm>, Record<string, unknown>]>([
    ['nothing changed', mapped, {}, {}],
    ['domains reordered are not a change', mapped, { domains: 'acme.io acme.com' }, {}],
    ['a rename, trimmed', mapped, { name: ' Acme Inc ' }, { name: 'Acme Inc' }],
    ['new domains', mapped, { domains: 'acme.com' }, { email_domains: ['acme.com'] }],
    ['all domains removed', mapped, { domains: '' }, { email_domains: [] }],
    ['another child account: both fields, so the hub makes it manual', mapped, { duo_account_id: DB }, { integration_id: 'int_1', duo_account_id: DB }],
    ['the same account through another integration', mapped, { integration_id: 'int_2' }, { integration_id: 'int_2', duo_account_id: DA }],
    ['unmap sends null for both', mapped, { duo_account_id: '' }, { integration_id: null, duo_account_id: null }],
    ['mapping an unmapped one to the parent', unmapped, { duo_account_id: 'parent' }, { integration_id: 'int_1', duo_account_id: 'parent' }],
    ['unmapped stays unmapped whatever integration is picked', unmapped, { integration_id: 'int_2' }, {}],
    ['a typed directory key, trimmed', mapped, { directory_key: ' key-123 ' }, { duo_admin_api_directory_key: 'key-123' }],
    ['clearing a stored key', mapped, { clear_directory_key: true, directory_key: 'ignored' }, { duo_admin_api_directory_key: null }],
    ['clearing when none is stored sends nothing', unmapped, { clear_directory_key: true }, {}],
    ['Auth API keys added: all three, host lower-cased', unmapped, { auth_host: ' API-B2.duosecurity.com ', auth_ikey: 'DI' + 'B'.repeat(18), auth_skey: 'S'.repeat(40) }, { auth: { api_host: 'api-b2.duosecurity.com', integration_key: 'DI' + 'B'.repeat(18), secret_key: 'S'.repeat(40) } }],
    ['a typed Auth secret alone rotates it', mapped, { auth_skey: 'T'.repeat(40) }, { auth: { secret_key: 'T'.repeat(40) } }],
    ['clearing stored Auth keys', mapped, { clear_auth: true, auth_skey: 'ignored' }, { auth: null }],
    ['clearing Auth keys when none are stored sends nothing', unmapped, { clear_auth: true }, {}],
  ])('%s', (_name, o, change, want) => expect(edit(o, change)).toEqual(want));

  it('prefills the form without any directory key or Auth secret', () => {
    expect(formFromOrganization(mapped)).toEqual({
      name: 'Acme',
      domains: 'acme.com, acme.io',
      integration_id: 'int_1',
      duo_account_id: DA,
      directory_key: '',
      clear_directory_key: false,
      auth_host: 'api-aaaa1111.duosecurity.com',
      auth_ikey: 'DI' + 'A'.repeat(18),
      auth_skey: '',
      clear_auth: false,
    });
    expect(formFromOrganization(unmapped, 'int_9').integration_id).toBe('int_9');
  });
});

describe('accountOptions', () => {
  const accounts = [
    { account_id: DB, name: 'Globex', api_hostname: 'h' },
    { account_id: DA, name: 'Acme Corporation', api_hostname: 'h' },
  ];
  const other: Organization = { ...mapped, id: 'org_3', name: 'Other', duo_account_id: DB };
  const view = (o: Organization, list: Organization[], integrationId = 'int_1', accs: typeof accounts | null = accounts) =>
    accountOptions(accs, list, o, integrationId).map((x) => [x.value, x.label, x.disabled]);

  it('lists not mapped, the parent, then children by name; a child taken by another organization is disabled', () => {
    expect(view(unmapped, [mapped, other, unmapped])).toEqual([
      ['', 'Not mapped', false],
      ['parent', 'The parent account itself', false],
      [DA, 'Acme Corporation — mapped to Acme', true],
      [DB, 'Globex — mapped to Other', true],
    ]);
  });
  it('an organization’s own account stays choosable', () => {
    expect(view(mapped, [mapped, other])[2]).toEqual([DA, 'Acme Corporation', false]);
  });
  it('a mapping through another integration does not take the account here', () => {
    expect(view(unmapped, [mapped, other], 'int_2').every(([, , disabled]) => disabled === false)).toBe(true);
  });
  it('keeps the current mapping when Duo no longer lists it', () => {
    expect(view(mapped, [mapped], 'int_1', []).at(-1)).toEqual([DA, 'Acme Corporation (current; not listed by Duo)', false]);
  });
  it('keeps the current mapping, plainly named, while the list loads', () => {
    expect(view(mapped, [mapped], 'int_1', null)).toEqual([
      ['', 'Not mapped', false],
      ['parent', 'The parent account itself', false],
      [DA, 'Acme Corporation', false],
    ]);
  });
});
