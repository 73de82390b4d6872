import { DuoAdminClient, DuoConfigError } from '@duohub/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/index.js';
import { adminScope, adminUnitIdsOf, type AdminUnitRecord } from '../src/state/admin-unit-records.js';
import type { AdminRecord } from '../src/state/admin-records.js';
import type { Account } from '../src/state/types.js';
import { bind, parentKey } from './helpers/duo-call.js';

/**
 * Administrative units in the emulator: member lists in every encoding Duo's clients use, the
 * behaviours Duo leaves undocumented (behind options), cascades from group deletes, and the
 * management scope a restricted administrator gets.
 */

let emu: Emulator;
let parent: Account;
let admin: DuoAdminClient;
let raw: ReturnType<typeof bind>;

function start(options: EmulatorOptions = {}) {
  emu = createEmulator({ seed: 'demo', rateLimits: false, ...options });
  parent = emu.state.accounts[emu.state.parent_account_id]!;
  const key = parentKey(emu, 'admin');
  admin = new DuoAdminClient({ host: key.api_hostname, ikey: key.integration_key, skey: key.secret_key, fetch: emu.fetch, retry: false, pacing: false });
  raw = bind(emu, key);
  parent.admins = {
    DEUNITADMIN000000001: { admin_id: 'DEUNITADMIN000000001', name: 'Una Unit', email: 'una@example.com', restricted_by_admin_units: true } as AdminRecord,
    DEUNITADMIN000000002: { admin_id: 'DEUNITADMIN000000002', name: 'Rex Restricted', email: 'rex@example.com', restricted_by_admin_units: true } as AdminRecord,
    DEGLOBALADMIN0000001: { admin_id: 'DEGLOBALADMIN0000001', name: 'Gil Global', email: 'gil@example.com', restricted_by_admin_units: false } as AdminRecord,
  };
}

const groups = () => Object.keys(parent.groups);
const authKey = () => Object.values(parent.integrations).find((i) => i.type === 'auth')!.integration_key;

describe('administrative units in the emulator', () => {
  beforeEach(() => start());

  it('seeds a help-desk unit over the first two groups and the Auth API application', async () => {
    const units = await admin.administrativeUnits.list().toArray();
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ name: 'Help desk', restrict_by_groups: true, restrict_by_integrations: true, groups: groups().slice(0, 2), integrations: [authKey()] });
  });

  it.each<[string, Record<string, string | string[]>]>([
    ['repeated form keys', { groups: ['G0', 'G1'] }],
    ['one JSON-array string', { groups: '["G0","G1"]' }],
    ['comma-separated ids', { groups: 'G0, G1' }],
  ])('reads member lists sent as %s', async (_name, shape) => {
    const value = (v: string) => v.replace('G0', groups()[2]!).replace('G1', groups()[3]!);
    const groupsParam = Array.isArray(shape['groups']) ? shape['groups'].map(value) : value(shape['groups'] as string);
    // Signed v2 with a form body, as python 4.5 and the node client send parameters.
    const res = await raw('POST', '/admin/v1/administrative_units', { name: 'Encoded', description: 'd', restrict_by_groups: 'true', groups: groupsParam }, { sigVersion: 2 });
    expect(res.status).toBe(200);
    expect(res.body.response.groups).toEqual([groups()[2], groups()[3]]);
  });

  it('reads member lists from a JSON (v5) body', async () => {
    const unit = await admin.administrativeUnits.create({ name: 'JSON', description: 'd', restrict_by_groups: true, groups: [groups()[2]!], admins: ['DEUNITADMIN000000001'] });
    expect(unit).toMatchObject({ groups: [groups()[2]], admins: ['DEUNITADMIN000000001'], restrict_by_integrations: false });
  });

  it('refuses unknown members in lists (40002 naming the list) and unrestricted administrators', async () => {
    for (const [param, value] of [['groups', 'DGNOSUCHGROUP0000000'], ['admins', 'DENOSUCHADMIN0000000'], ['integrations', 'DINOSUCHINTEGRATION0'], ['admins', 'DEGLOBALADMIN0000001']] as const) {
      const error = await admin.administrativeUnits.create({ name: `Bad ${param} ${value}`, description: 'd', [param]: [value] }).catch((e) => e);
      expect(error, `${param}=${value}`).toMatchObject({ status: 400, code: 40002, messageDetail: param });
    }
    expect(Object.values(parent.administrative_units!).map((u) => u.name)).toEqual(['Help desk']);
  });

  it('refuses a taken name, case-insensitively, with 40002 by default and 40003 by option', async () => {
    await expect(admin.administrativeUnits.create({ name: 'HELP DESK', description: 'd' })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'name' });
    const other = await admin.administrativeUnits.create({ name: 'Other', description: 'd' });
    await expect(admin.administrativeUnits.update(other.admin_unit_id, { name: 'help desk' })).rejects.toMatchObject({ code: 40002 });
    expect((await admin.administrativeUnits.update(other.admin_unit_id, { name: 'Other' })).name).toBe('Other');
    start({ duplicateAdminUnitNames: 40003 });
    await expect(admin.administrativeUnits.create({ name: 'Help Desk', description: 'd' })).rejects.toMatchObject({ status: 400, code: 40003 });
  });

  it('adds given member lists on modify by default, and replaces them with adminUnitListsOnModify: replace', async () => {
    const unit = await admin.administrativeUnits.create({ name: 'Lists', description: 'd', restrict_by_groups: true, groups: [groups()[0]!] });
    const added = await admin.administrativeUnits.update(unit.admin_unit_id, { groups: [groups()[1]!, groups()[0]!] });
    expect(added.groups).toEqual([groups()[0], groups()[1]]);
    start({ adminUnitListsOnModify: 'replace' });
    const again = await admin.administrativeUnits.create({ name: 'Lists', description: 'd', restrict_by_groups: true, groups: [groups()[0]!] });
    expect((await admin.administrativeUnits.update(again.admin_unit_id, { groups: [groups()[1]!] })).groups).toEqual([groups()[1]]);
    const cleared = await raw('POST', `/admin/v1/administrative_units/${again.admin_unit_id}`, { groups: '' }, { sigVersion: 2 });
    expect(cleared.body.response.groups).toEqual([]);
  });

  it('modifies only the fields given and refuses a blank name', async () => {
    const unit = await admin.administrativeUnits.create({ name: 'Partial', description: 'before', restrict_by_integrations: true });
    const changed = await admin.administrativeUnits.update(unit.admin_unit_id, { description: 'after' });
    expect(changed).toMatchObject({ name: 'Partial', description: 'after', restrict_by_integrations: true, restrict_by_groups: false });
    await expect(admin.administrativeUnits.update(unit.admin_unit_id, { description: '' })).resolves.toMatchObject({ description: '' });
    const blank = await raw('POST', `/admin/v1/administrative_units/${unit.admin_unit_id}`, { name: ' ' });
    expect(blank.body).toMatchObject({ code: 40002, message_detail: 'name' });
  });

  it('assigns by path: 404 for unknown units and members, 40002 for an unrestricted administrator, removals idempotent', async () => {
    const unit = await admin.administrativeUnits.create({ name: 'Paths', description: 'd' });
    const id = unit.admin_unit_id;
    await admin.administrativeUnits.add(id, { admin_id: 'DEUNITADMIN000000002' });
    await admin.administrativeUnits.add(id, { admin_id: 'DEUNITADMIN000000002' });
    await admin.administrativeUnits.add(id, { integration_key: authKey() });
    expect(await admin.administrativeUnits.get(id)).toMatchObject({ admins: ['DEUNITADMIN000000002'], integrations: [authKey()] });
    await expect(admin.administrativeUnits.add(id, { admin_id: 'DEGLOBALADMIN0000001' })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'admin_id' });
    await expect(admin.administrativeUnits.add(id, { group_id: 'DGNOSUCHGROUP0000000' })).rejects.toMatchObject({ status: 404, code: 40401, messageDetail: 'group_id' });
    await expect(admin.administrativeUnits.add('DNNOSUCHUNIT00000000', { group_id: groups()[0]! })).rejects.toMatchObject({ status: 404, code: 40401, messageDetail: 'admin_unit_id' });
    await expect(admin.administrativeUnits.remove(id, { group_id: 'DGNOTAMEMBER00000000' })).resolves.toBeUndefined();
    await expect(admin.administrativeUnits.remove('DNNOSUCHUNIT00000000', { group_id: groups()[0]! })).rejects.toMatchObject({ status: 404 });
    await admin.administrativeUnits.remove(id, { admin_id: 'DEUNITADMIN000000002' });
    expect((await admin.administrativeUnits.get(id)).admins).toEqual([]);
  });

  it('filters the list by one administrator, group or application, and refuses two filters', async () => {
    const a = await admin.administrativeUnits.create({ name: 'A', description: 'd', admins: ['DEUNITADMIN000000001'], groups: [groups()[3]!] });
    await admin.administrativeUnits.create({ name: 'B', description: 'd', admins: ['DEUNITADMIN000000002'] });
    const ids = async (filter: Parameters<typeof admin.administrativeUnits.list>[0]) => (await admin.administrativeUnits.list(filter).toArray()).map((u) => u.name);
    expect(await ids({ admin_id: 'DEUNITADMIN000000001' })).toEqual(['A']);
    expect(await ids({ group_id: groups()[3]! })).toEqual(['A']);
    expect(await ids({ group_id: groups()[0]! })).toEqual(['Help desk']);
    expect(await ids({ integration_key: authKey() })).toEqual(['Help desk']);
    expect(await ids({ admin_id: 'DENOBODY000000000000' })).toEqual([]);
    const two = await raw('GET', '/admin/v1/administrative_units', { admin_id: 'DEUNITADMIN000000001', group_id: groups()[0]! });
    expect(two.body).toMatchObject({ code: 40002, message_detail: 'group_id' });
    expect(adminUnitIdsOf(parent, 'DEUNITADMIN000000001')).toEqual([a.admin_unit_id]);
  });

  it('drops a deleted group from every unit, and deleting a unit keeps its members', async () => {
    const g = groups()[0]!;
    const unit = await admin.administrativeUnits.create({ name: 'Cascade', description: 'd', restrict_by_groups: true, groups: [g, groups()[1]!], admins: ['DEUNITADMIN000000001'] });
    await admin.groups.delete(g);
    expect((await admin.administrativeUnits.get(unit.admin_unit_id)).groups).toEqual([groups()[0]]);
    expect((await admin.administrativeUnits.list({ group_id: g }).toArray())).toEqual([]);
    await admin.administrativeUnits.delete(unit.admin_unit_id);
    await admin.administrativeUnits.delete(unit.admin_unit_id);
    await expect(admin.administrativeUnits.get(unit.admin_unit_id)).rejects.toMatchObject({ status: 404, code: 40401 });
    expect(parent.admins!['DEUNITADMIN000000001']).toBeDefined();
  });

  it('the SDK refuses two filters or an ambiguous member before signing', async () => {
    const before = JSON.stringify(emu.stats().requests);
    expect(() => admin.administrativeUnits.list({ admin_id: 'DEUNITADMIN000000001', group_id: groups()[0]! } as never)).toThrow(DuoConfigError);
    for (const member of [{}, { admin_id: 'DEUNITADMIN000000001', group_id: groups()[0]! }, { group_id: '' }]) {
      const error = await admin.administrativeUnits.add('DNANY000000000000000', member as never).catch((e) => e);
      expect(error).toBeInstanceOf(DuoConfigError);
    }
    expect(JSON.stringify(emu.stats().requests)).toBe(before);
  });

  it('records each create as one execution', async () => {
    await admin.administrativeUnits.create({ name: 'Once', description: 'd' });
    const log = JSON.stringify(emu.stats().executionLog);
    expect(log.match(/administrative_units\.create/g)).toHaveLength(1);
  });
});

describe('adminScope', () => {
  const unit = (id: string, over: Partial<AdminUnitRecord>): AdminUnitRecord => ({
    admin_unit_id: id, name: id, description: '', restrict_by_groups: true, restrict_by_integrations: true, admin_ids: [], group_ids: [], integration_keys: [], ...over,
  });
  const account = (...units: AdminUnitRecord[]) => ({ administrative_units: Object.fromEntries(units.map((u) => [u.admin_unit_id, u])) }) as unknown as Account;

  it.each<[string, Account, boolean, ReturnType<typeof adminScope>]>([
    ['a global administrator manages everything, units or not', account(unit('U1', { admin_ids: ['A'] })), false, { restricted: false }],
    ['a restricted administrator in no unit manages nothing', account(unit('U1', { admin_ids: ['B'], group_ids: ['G1'] })), true,
      { restricted: true, unit_ids: [], all_groups: false, group_ids: [], all_integrations: false, integration_keys: [] }],
    ['one unit: its groups and applications', account(unit('U1', { admin_ids: ['A'], group_ids: ['G2', 'G1'], integration_keys: ['I1'] })), true,
      { restricted: true, unit_ids: ['U1'], all_groups: false, group_ids: ['G1', 'G2'], all_integrations: false, integration_keys: ['I1'] }],
    ['two units: the union, without repeats', account(unit('U1', { admin_ids: ['A'], group_ids: ['G1'] }), unit('U2', { admin_ids: ['A'], group_ids: ['G1', 'G3'], integration_keys: ['I2'] })), true,
      { restricted: true, unit_ids: ['U1', 'U2'], all_groups: false, group_ids: ['G1', 'G3'], all_integrations: false, integration_keys: ['I2'] }],
    ['a unit that does not restrict by groups opens every group', account(unit('U1', { admin_ids: ['A'], restrict_by_groups: false, group_ids: ['G1'] }), unit('U2', { admin_ids: ['A'], group_ids: ['G2'], integration_keys: ['I1'] })), true,
      { restricted: true, unit_ids: ['U1', 'U2'], all_groups: true, group_ids: [], all_integrations: false, integration_keys: ['I1'] }],
  ])('%s', (_name, acct, restricted, expected) => {
    expect(adminScope(acct, 'A', restricted)).toEqual(expected);
  });
});
