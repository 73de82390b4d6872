import { describe, expect, it } from 'vitest';
import { inputTarget, runTargets, type IntegrationRef, type OrganizationRef } from '../src/pages/actions/run-targets.js';

const set = { api_host: 'h', integration_key: 'k', secret_key_hint: '…' };
const integrations: IntegrationRef[] = [
  { id: 'I1', name: 'Parent', admin: set, accounts: set, auth: set },
  { id: 'I2', name: 'Admin only', admin: set, accounts: null, auth: null },
];
const org = (id: string, name: string, integration_id: string | null, duo_account_id: string | null, duo_account_name: string | null = null): OrganizationRef => ({
  id, name, integration_id, duo_account_id, duo_account_name,
});
const organizations = [
  org('O1', 'Acme LLC', 'I1', 'DA1', 'Acme Corporation'),
  org('O2', 'Unmapped', null, null),
  org('O3', 'HQ', 'I2', 'parent'),
  org('O4', 'Orphan', 'I9', 'DA4'),
];

describe('runTargets', () => {
  it('Admin API: integrations and mapped organizations, unmapped left out', () => {
    expect(runTargets('admin', integrations, organizations)).toEqual([
      { key: 'i:I1', label: "Parent (integration's own account)", integrationId: 'I1', account: 'the parent account of Parent', parent: true },
      { key: 'i:I2', label: "Admin only (integration's own account)", integrationId: 'I2', account: 'the parent account of Admin only', parent: true },
      { key: 'o:O1', label: 'Acme LLC (Duo account Acme Corporation via Parent)', integrationId: 'I1', organizationId: 'O1', account: 'Acme LLC: Duo account Acme Corporation' },
      { key: 'o:O3', label: 'HQ (parent account via Admin only)', integrationId: 'I2', organizationId: 'O3', account: 'the parent account of Admin only (organization HQ)', parent: true },
      { key: 'o:O4', label: 'Orphan (Duo account DA4)', integrationId: 'I9', organizationId: 'O4', account: 'Orphan: Duo account DA4' },
    ]);
  });
  it.each([
    ['accounts', 'no Accounts API credentials'],
    ['auth', 'no Auth API credentials'],
  ])('%s API: integrations only, those without the set disabled', (api, reason) => {
    expect(runTargets(api, integrations, organizations)).toEqual([
      { key: 'i:I1', label: "Parent (integration's own account)", integrationId: 'I1', account: 'the parent account of Parent', parent: true },
      { key: 'i:I2', label: "Admin only (integration's own account)", integrationId: 'I2', account: 'the parent account of Admin only', parent: true, disabled: reason },
    ]);
  });
  it('a token limited to organizations (no integrations) gets only its organizations, and only for Admin API', () => {
    expect(runTargets('admin', [], [organizations[0]!]).map((t) => t.key)).toEqual(['o:O1']);
    expect(runTargets('auth', [], [organizations[0]!])).toEqual([]);
  });
});

describe('inputTarget', () => {
  it.each([
    [{ user_id: 'DU1', count: 3 }, 'user_id DU1'],
    [{ username: 'ann', user_id: 'DU1' }, 'user_id DU1, username ann'],
    [{ phone_id: 'DP1', user_id: 'DU1', username: 'x' }, 'phone_id DP1, user_id DU1'],
    [{ method: 'GET', path: '/admin/v1/users' }, 'path /admin/v1/users'],
    [{ limit: 5 }, ''],
    [{ user_id: '' }, ''],
  ])('%j -> %j', (input, text) => expect(inputTarget(input)).toBe(text));
});
