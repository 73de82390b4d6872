import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { bind, parentKey } from './helpers/duo-call.js';

let emu: Emulator;
let admin: ReturnType<typeof bind>;
let userId: string;
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const opts = { date: new Date(NOW) };

beforeEach(async () => {
  emu = createEmulator({ now: () => NOW });
  admin = bind(emu, parentKey(emu, 'admin'));
  userId = (await admin('POST', '/admin/v1/users', { username: 'quinn', email: 'q@example.com' }, opts)).body.response.user_id;
});

const createCodes = (params: Record<string, string | number | boolean> = {}, id = userId) =>
  admin('POST', `/admin/v1/users/${id}/bypass_codes`, params, opts);

describe('creating bypass codes', () => {
  it('defaults: 10 random 9-digit codes, reuse_count 1, no expiry', async () => {
    const res = await createCodes();
    expect(res.status).toBe(200);
    expect(res.body.response).toHaveLength(10);
    for (const code of res.body.response) expect(code).toMatch(/^\d{9}$/);
    const listed = await admin('GET', `/admin/v1/users/${userId}/bypass_codes`, {}, opts);
    expect(listed.body.response).toHaveLength(10);
    expect(listed.body.response[0]).toMatchObject({ reuse_count: 1, expiration: null, created: NOW / 1000, user: { user_id: userId, username: 'quinn' } });
    expect(listed.body.response[0].bypass_code_id).toMatch(/^DB[A-Z0-9]{18}$/);
  });

  it('never shows the codes again in metadata', async () => {
    const codes: string[] = (await createCodes({ count: 3 })).body.response;
    const text = JSON.stringify((await admin('GET', '/admin/v1/bypass_codes', {}, opts)).body);
    for (const code of codes) expect(text).not.toContain(code);
  });

  it('custom codes, reuse_count 0 = unlimited, valid_secs sets the expiration', async () => {
    const res = await createCodes({ codes: '123456789,987654321', reuse_count: 0, valid_secs: 3600 });
    expect(res.body.response).toEqual(['123456789', '987654321']);
    const meta = (await admin('GET', `/admin/v1/users/${userId}/bypass_codes`, {}, opts)).body.response;
    expect(meta[0]).toMatchObject({ reuse_count: null, expiration: NOW / 1000 + 3600 });
  });

  it('replaces existing codes unless preserve_existing (JSON boolean or string)', async () => {
    await createCodes({ count: 4 });
    await createCodes({ count: 2 });
    expect((await admin('GET', `/admin/v1/users/${userId}/bypass_codes`, {}, opts)).body.metadata.total_objects).toBe(2);
    await createCodes({ count: 3, preserve_existing: true });
    await createCodes({ count: 1, preserve_existing: 'true' });
    expect((await admin('GET', `/admin/v1/users/${userId}/bypass_codes`, {}, opts)).body.metadata.total_objects).toBe(6);
  });

  it('more than 100 codes per user -> 500/50001 and nothing changes', async () => {
    for (let i = 0; i < 10; i++) await createCodes({ count: 10, preserve_existing: true });
    const over = await createCodes({ count: 1, preserve_existing: true });
    expect(over.status).toBe(500);
    expect(over.body).toMatchObject({ stat: 'FAIL', code: 50001 });
    const csv = Array.from({ length: 101 }, (_, i) => String(100000000 + i)).join(',');
    expect((await createCodes({ codes: csv })).status).toBe(500);
    const listed = await admin('GET', `/admin/v1/users/${userId}/bypass_codes`, { limit: 500 }, opts);
    expect(listed.body.metadata.total_objects).toBe(100);
    expect(emu.stats().executions['bypass_codes.create']).toBe(10);
  });

  it.each<[string, Record<string, string | number>, number, string]>([
    ['count 0', { count: 0 }, 40002, 'count'],
    ['count 11', { count: 11 }, 40002, 'count'],
    ['count and codes', { count: 1, codes: '123456789' }, 40002, 'count, codes'],
    ['non-numeric code', { codes: '12345678a' }, 40002, 'codes'],
    ['duplicate code', { codes: '123456789,123456789' }, 40002, 'codes'],
    ['negative reuse_count', { reuse_count: -1 }, 40002, 'reuse_count'],
  ])('%s -> 400/%s', async (_name, params, code, detail) => {
    const res = await createCodes(params);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, message_detail: detail });
  });

  it('a preserved code cannot be supplied again', async () => {
    await createCodes({ codes: '111222333' });
    expect((await createCodes({ codes: '111222333', preserve_existing: true })).status).toBe(400);
  });

  it('unknown user -> 404', async () => {
    expect((await createCodes({}, 'DUNOPE')).status).toBe(404);
  });
});

describe('listing, getting and deleting', () => {
  it('lists all codes with paging (default 100, max 500); get by id; idempotent delete', async () => {
    await createCodes({ count: 10 });
    const other = (await admin('POST', '/admin/v1/users', { username: 'rae' }, opts)).body.response.user_id;
    await createCodes({ count: 5 }, other);
    const page = await admin('GET', '/admin/v1/bypass_codes', { limit: 4, offset: 12 }, opts);
    expect(page.body.response).toHaveLength(3);
    expect(page.body.metadata).toEqual({ total_objects: 15, prev_offset: 8 });
    const id = page.body.response[0].bypass_code_id;
    expect((await admin('GET', `/admin/v1/bypass_codes/${id}`, {}, opts)).body.response.bypass_code_id).toBe(id);
    for (let i = 0; i < 2; i++) expect((await admin('DELETE', `/admin/v1/bypass_codes/${id}`, {}, opts)).body).toEqual({ stat: 'OK', response: '' });
    expect((await admin('GET', `/admin/v1/bypass_codes/${id}`, {}, opts)).body).toMatchObject({ code: 40401 });
    expect((await admin('GET', '/admin/v1/bypass_codes', {}, opts)).body.metadata.total_objects).toBe(14);
  });
});
