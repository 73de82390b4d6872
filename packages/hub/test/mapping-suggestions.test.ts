import { DuoAccountsClient } from '@duohub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from './helpers/test-hub.js';

let emu: TestEmulator;
let hub: TestHub;
let integrationId: string;
const childIds: Record<string, string> = {};
const orgIds: Record<string, string> = {};

beforeAll(async () => {
  emu = await startTestEmulator();
  hub = await startTestHub();
  const accounts = new DuoAccountsClient({
    host: emu.sets.accounts.api_host,
    ikey: emu.sets.accounts.integration_key,
    skey: emu.sets.accounts.secret_key,
    baseUrl: emu.url,
    pacing: false,
  });
  for (const name of ['Acme Corporation', 'Smith and Sons', 'Globex', 'Blue Harbor Partners']) {
    childIds[name] = (await accounts.create(name)).account_id;
  }
  // Users whose email domain is the only link between "BHP Consulting" and "Blue Harbor Partners".
  const bhp = accounts.child(childIds['Blue Harbor Partners']!);
  for (let i = 0; i < 4; i++) await bhp.request('POST', '/admin/v1/users', { username: `bhp${i}`, email: `user${i}@bhp.example` });
  await bhp.request('POST', '/admin/v1/users', { username: 'contractor', email: 'someone@gmail.com' });

  const created = await hub.api('POST', '/api/integrations', {
    body: { name: 'parent', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts },
  });
  expect(created.status).toBe(201);
  integrationId = created.body.id;
  for (const [name, domains] of [
    ['ACME Corp.', []],
    ['Smith & Sons LLC', []],
    ['BHP Consulting', ['bhp.example']],
    ['Initech', []],
    ['Globex Corporation', []],
  ] as const) {
    const res = await hub.api('POST', '/api/organizations', { body: { name, email_domains: domains } });
    expect(res.status).toBe(201);
    orgIds[name] = res.body.id;
  }
});

afterAll(async () => {
  await hub?.close();
  await emu?.close();
});

const byOrg = (list: any[]) => Object.fromEntries(list.map((s) => [s.organization_name, s]));

describe('child accounts and mapping suggestions', () => {
  it('lists the Duo child accounts of the integration', async () => {
    const res = await hub.api('GET', `/api/integrations/${integrationId}/accounts`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: any) => a.name).sort()).toEqual(['Acme Corporation', 'Blue Harbor Partners', 'Globex', 'Smith and Sons']);
    expect(res.body.items.every((a: any) => /^DA[A-Z0-9]{18}$/.test(a.account_id) && a.api_hostname)).toBe(true);
  });

  it('ranks the tricky names and uses email-domain evidence', async () => {
    const res = await hub.api('GET', `/api/integrations/${integrationId}/mapping-suggestions`);
    expect(res.status).toBe(200);
    expect(res.body.accounts_considered).toBe(4);
    expect(res.body.accounts_sampled).toBeGreaterThan(0);
    const s = byOrg(res.body.suggestions);
    expect(s['ACME Corp.']).toMatchObject({ status: 'new', duo_account_id: childIds['Acme Corporation'], confidence: 1 });
    expect(s['ACME Corp.'].reason).toContain('names match after normalization');
    expect(s['Smith & Sons LLC']).toMatchObject({ status: 'new', duo_account_id: childIds['Smith and Sons'], confidence: 1 });
    expect(s['BHP Consulting'].duo_account_id).toBe(childIds['Blue Harbor Partners']);
    expect(s['BHP Consulting'].confidence).toBeGreaterThanOrEqual(0.8);
    expect(s['BHP Consulting'].confidence).toBeLessThan(1);
    expect(s['BHP Consulting'].reason).toContain('4 of 5 sampled users have email at bhp.example');
    expect(s['Initech']).toMatchObject({ status: 'no_candidate', duo_account_id: null });
    expect(s['Globex Corporation']).toMatchObject({ status: 'new', duo_account_id: childIds['Globex'] });
  });

  it('a manual mapping wins: apply never overwrites it', async () => {
    const manual = await hub.api('PATCH', `/api/organizations/${orgIds['Globex Corporation']}`, {
      body: { integration_id: integrationId, duo_account_id: 'parent' },
    });
    expect(manual.status).toBe(200);
    expect(manual.body).toMatchObject({ mapping_source: 'manual', duo_account_id: 'parent', mapping_confidence: 1 });
    const s = byOrg((await hub.api('GET', `/api/integrations/${integrationId}/mapping-suggestions`)).body.suggestions);
    expect(s['Globex Corporation'].status).toBe('manual');
  });

  it('applies only suggestions at or above the threshold, in one transaction', async () => {
    const high = await hub.api('POST', `/api/integrations/${integrationId}/mapping-suggestions/apply`, { body: { threshold: 0.99 } });
    expect(high.status).toBe(200);
    expect(high.body.applied.map((s: any) => s.organization_name).sort()).toEqual(['ACME Corp.', 'Smith & Sons LLC']);
    const skipped = byOrg(high.body.skipped);
    expect(skipped['BHP Consulting'].skip_reason).toMatch(/below the threshold 0.99/);
    expect(skipped['Globex Corporation'].skip_reason).toBe('a manual mapping wins');
    expect(skipped['Initech'].skip_reason).toBe('no candidate');

    const orgs = byOrgName((await hub.api('GET', '/api/organizations')).body.items);
    expect(orgs['ACME Corp.']).toMatchObject({
      integration_id: integrationId,
      duo_account_id: childIds['Acme Corporation'],
      duo_account_name: 'Acme Corporation',
      mapping_source: 'suggested',
      mapping_confidence: 1,
    });
    expect(orgs['BHP Consulting'].duo_account_id).toBeNull();

    const low = await hub.api('POST', `/api/integrations/${integrationId}/mapping-suggestions/apply`, { body: { threshold: 0 } });
    expect(low.body.applied.map((s: any) => s.organization_name)).toEqual(['BHP Consulting']);
    expect(byOrg(low.body.skipped)['ACME Corp.'].skip_reason).toBe('already mapped there');
    const after = byOrgName((await hub.api('GET', '/api/organizations')).body.items);
    expect(after['Globex Corporation']).toMatchObject({ duo_account_id: 'parent', mapping_source: 'manual' });
    expect(after['BHP Consulting'].duo_account_id).toBe(childIds['Blue Harbor Partners']);

    const audit = await hub.api('GET', '/api/audit?action=organizations.apply_suggestions');
    expect(audit.body.items).toHaveLength(2);
    expect(audit.body.items.every((e: any) => e.outcome === 'success' && e.target_id === integrationId)).toBe(true);
  });

  it('refuses a manual mapping to an account Duo does not list, and one already taken', async () => {
    const unknown = await hub.api('PATCH', `/api/organizations/${orgIds['Initech']}`, {
      body: { integration_id: integrationId, duo_account_id: 'DA000000000000000000' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('duo_account_id');
    const taken = await hub.api('PATCH', `/api/organizations/${orgIds['Initech']}`, {
      body: { integration_id: integrationId, duo_account_id: childIds['Acme Corporation'] },
    });
    expect(taken.status).toBe(409);
    const half = await hub.api('PATCH', `/api/organizations/${orgIds['Initech']}`, { body: { duo_account_id: childIds['Globex'] } });
    expect(half.status).toBe(400);
    expect(half.body.error.details[0].field).toBe('integration_id');
    const ok = await hub.api('PATCH', `/api/organizations/${orgIds['Initech']}`, {
      body: { integration_id: integrationId, duo_account_id: childIds['Globex'] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ duo_account_name: 'Globex', mapping_source: 'manual' });
  });

  it('never applies a suggestion onto an account another organization keeps', async () => {
    // ACME Corp. holds Acme Corporation through an applied suggestion. Renamed, it stops matching, and a new
    // organization with the exact name becomes the better candidate for that account.
    await hub.api('PATCH', `/api/organizations/${orgIds['ACME Corp.']}`, { body: { name: 'Zeta Unrelated' } });
    const exact = await hub.api('POST', '/api/organizations', { body: { name: 'Acme Corporation' } });
    expect(exact.status).toBe(201);
    const s = byOrg((await hub.api('GET', `/api/integrations/${integrationId}/mapping-suggestions`)).body.suggestions);
    expect(s['Acme Corporation']).toMatchObject({ duo_account_id: childIds['Acme Corporation'] });
    expect(s['Zeta Unrelated'].duo_account_id).not.toBe(childIds['Acme Corporation']);

    const onlyNew = await hub.api('POST', `/api/integrations/${integrationId}/mapping-suggestions/apply`, {
      body: { threshold: 0, organization_ids: [exact.body.id] },
    });
    expect(onlyNew.status).toBe(200);
    expect(onlyNew.body.applied).toEqual([]);
    expect(byOrg(onlyNew.body.skipped)['Acme Corporation'].skip_reason).toMatch(/mapped to another organization/);
    const holders = (await hub.api('GET', '/api/organizations')).body.items.filter((o: any) => o.duo_account_id === childIds['Acme Corporation']);
    expect(holders.map((o: any) => o.name)).toEqual(['Zeta Unrelated']);

    // Unmapped, the holder frees the account and the suggestion applies.
    await hub.api('PATCH', `/api/organizations/${orgIds['ACME Corp.']}`, { body: { integration_id: null, duo_account_id: null } });
    const again = await hub.api('POST', `/api/integrations/${integrationId}/mapping-suggestions/apply`, {
      body: { threshold: 0, organization_ids: [exact.body.id] },
    });
    expect(again.body.applied.map((x: any) => x.organization_name)).toEqual(['Acme Corporation']);
  });

  it('needs Accounts API credentials to suggest', async () => {
    const authOnly = await hub.api('POST', '/api/integrations', { body: { name: 'auth only', base_url: emu.url, auth: emu.sets.auth } });
    const res = await hub.api('GET', `/api/integrations/${authOnly.body.id}/mapping-suggestions`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('credentials_missing');
  });

  it('refuses to delete an integration organizations still map to', async () => {
    const res = await hub.api('DELETE', `/api/integrations/${integrationId}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });
});

function byOrgName(items: any[]) {
  return Object.fromEntries(items.map((o) => [o.name, o]));
}
