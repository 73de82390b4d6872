import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { bind, duoCall, parentKey } from './helpers/duo-call.js';

let emu: Emulator;
let accounts: ReturnType<typeof bind>;

beforeEach(() => {
  emu = createEmulator();
  accounts = bind(emu, parentKey(emu, 'accounts'));
});

describe('Accounts API', () => {
  it('create, list (not paged) and delete child accounts', async () => {
    const created = await accounts('POST', '/accounts/v1/account/create', { name: 'Acme' });
    expect(created.status).toBe(200);
    const child = created.body.response;
    expect(Object.keys(child).sort()).toEqual(['account_id', 'api_hostname', 'name']);
    expect(child.account_id).toMatch(/^DA[A-Z0-9]{18}$/);
    expect(child.api_hostname).toMatch(/^api-[0-9a-f]{8}\.duosecurity\.com$/);
    await accounts('POST', '/accounts/v1/account/create', { name: 'Beta' }, { sigVersion: 2, digest: 'sha1' });
    const listed = await accounts('POST', '/accounts/v1/account/list');
    expect(listed.body.response.map((a: { name: string }) => a.name)).toEqual(['Acme', 'Beta']);
    expect(listed.body.metadata).toBeUndefined();
    const deleted = await accounts('POST', '/accounts/v1/account/delete', { account_id: child.account_id });
    expect(deleted.body).toEqual({ stat: 'OK', response: '' });
    expect((await accounts('POST', '/accounts/v1/account/list')).body.response.map((a: { name: string }) => a.name)).toEqual(['Beta']);
    expect(emu.stats().executions['accounts.create']).toBe(2);
  });

  it.each<[string, string, Record<string, string>, number, number]>([
    ['create without name', '/accounts/v1/account/create', {}, 400, 40001],
    ['delete without account_id', '/accounts/v1/account/delete', {}, 400, 40001],
    ['delete of a non-child', '/accounts/v1/account/delete', { account_id: 'DA000000000000000000' }, 400, 40002],
  ])('%s -> %s/%s', async (_name, path, params, status, code) => {
    const res = await accounts('POST', path, params);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('the parent itself cannot be deleted, and list is POST only', async () => {
    expect((await accounts('POST', '/accounts/v1/account/delete', { account_id: emu.state.parent_account_id })).body.code).toBe(40002);
    expect((await accounts('GET', '/accounts/v1/account/list')).status).toBe(405);
  });
});

describe('child billing', () => {
  it('edition and telephony credits, credits taken from the parent', async () => {
    const child = (await accounts('POST', '/accounts/v1/account/create', { name: 'Acme' })).body.response;
    const key = { ...parentKey(emu, 'accounts'), api_hostname: child.api_hostname };
    const call = (method: string, path: string, params: Record<string, string | number> = {}) =>
      duoCall(emu, key, method, path, { account_id: child.account_id, ...params });
    expect((await call('GET', '/admin/v1/billing/edition')).body.response).toEqual({ edition: 'ENTERPRISE' });
    expect((await call('POST', '/admin/v1/billing/edition', { edition: 'BEYOND' })).status).toBe(200);
    expect((await call('GET', '/admin/v1/billing/edition')).body.response.edition).toBe('BEYOND');
    expect((await call('POST', '/admin/v1/billing/edition', { edition: 'GOLD' })).body).toMatchObject({ code: 40002, message_detail: 'edition' });

    const parent = emu.state.accounts[emu.state.parent_account_id]!;
    const before = parent.telephony_credits;
    expect((await call('POST', '/admin/v1/billing/telephony_credits', { credits: 250 })).status).toBe(200);
    expect((await call('GET', '/admin/v1/billing/telephony_credits')).body.response).toEqual({ credits: 250 });
    expect(parent.telephony_credits).toBe(before - 250);
    await call('POST', '/admin/v1/billing/telephony_credits', { credits: 100 });
    expect(parent.telephony_credits).toBe(before - 100);
    const tooMany = await call('POST', '/admin/v1/billing/telephony_credits', { credits: before + 1000 });
    expect(tooMany.status).toBe(400);
    expect((await call('POST', '/admin/v1/billing/telephony_credits', {})).body.code).toBe(40001);
  });

  it('billing is child only: the parent Admin key gets 403/40301', async () => {
    const res = await duoCall(emu, parentKey(emu, 'admin'), 'GET', '/admin/v1/billing/edition');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(40301);
  });
});
