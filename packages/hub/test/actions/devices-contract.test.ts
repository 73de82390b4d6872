import { buildOpenApi, DuoAdminClient, DuoConfigError, DuoForbiddenError, endpoints } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { endpointActions } from '../../src/actions/endpoints/endpoints-actions.js';
import { registeredDeviceActions } from '../../src/actions/registered_devices/registered-devices-actions.js';
import { describeFamilyCatalog } from './describe-family-catalog.js';
import { devicesContractCases } from './devices-contract-cases.js';
import { ENDPOINT_MODES, useEndpointFixture } from './endpoint-fixture.js';

/**
 * Issue 16, endpoints, Duo Desktop registered devices and blocked devices: each catalog action's
 * contract (through the SDK in process), then the endpoints themselves in process and over a
 * port: paging metadata, a block visible on the device and in the blocked list, error codes,
 * permission denials and what deleting a device or a user does; every answer checked against the
 * generated OpenAPI description.
 */

const actions: AnyAction[] = [...endpointActions, ...registeredDeviceActions];
const doc = buildOpenApi(endpoints);
const FAMILY = /^(endpoints|registered_devices|blocked_devices)\./;

describeFamilyCatalog({
  cases: devicesContractCases,
  actions,
  family: FAMILY,
  coverage: {
    title: 'has a case for every action of the family, each action derived from its endpoint',
    check() {
      for (const action of actions) expect(action.resource).toBe(action.id.split('.')[0]);
      expect(actions.filter((a) => a.destructive).map((a) => a.id).sort()).toEqual([
        'blocked_devices.block',
        'blocked_devices.block_many',
        'blocked_devices.unblock',
        'blocked_devices.unblock_many',
        'registered_devices.delete',
      ]);
    },
  },
});

describe.each(ENDPOINT_MODES)('endpoints %s', (mode) => {
  let admin: DuoAdminClient;
  const { parent, clientFor, answers } = useEndpointFixture(mode, (ep) => {
    admin = ep.clientFor();
  });
  const devices = () => Object.values(parent().registered_devices ?? {}).filter((d) => parent().users[d.user_id] !== undefined);

  it('pages endpoints and registered devices with Duo metadata', async () => {
    const total = Object.keys(parent().device_endpoints ?? {}).length;
    const raw = await admin.request('GET', '/admin/v1/endpoints', { limit: 2, offset: 1 });
    expect(raw.metadata).toEqual({ total_objects: total, next_offset: 3, prev_offset: 0 });
    const all = await admin.endpoints.list({ pageSize: 2 }).toArray();
    expect(all.map((e) => e.epkey)).toEqual(Object.keys(parent().device_endpoints ?? {}));
    expect(Object.keys(all[0]!)).toEqual(expect.arrayContaining(['epkey', 'username', 'email', 'os_family', 'browsers', 'trusted_endpoint', 'health_app_client_version', 'computer_sid']));
    const registered = await admin.registeredDevices.list({ pageSize: 2 }).toArray();
    expect(registered.map((d) => d.compkey)).toEqual(devices().map((d) => d.compkey));
    const page = await admin.request('GET', '/admin/v1/registered_devices', { limit: 2 });
    expect(page.metadata).toEqual({ total_objects: devices().length, next_offset: 2 });
  });

  it('shows a block on the device and in the blocked list; unblocking clears both', async () => {
    const device = devices().find((d) => !d.blocked)!;
    const alreadyBlocked = devices().filter((d) => d.blocked).map((d) => d.compkey);
    await admin.registeredDevices.block(device.compkey);
    expect((await admin.registeredDevices.get(device.compkey)).is_blocked).toBe(true);
    expect((await admin.registeredDevices.listBlocked().toArray()).map((d) => d.compkey).sort()).toEqual([...alreadyBlocked, device.compkey].sort());
    expect(await admin.registeredDevices.getBlocked(device.compkey)).toMatchObject({ compkey: device.compkey, is_blocked: true });
    await admin.registeredDevices.unblock(device.compkey);
    expect((await admin.registeredDevices.get(device.compkey)).is_blocked).toBe(false);
    await expect(admin.registeredDevices.getBlocked(device.compkey)).rejects.toMatchObject({ status: 404, code: 40401 });
    expect((await admin.registeredDevices.listBlocked().toArray()).map((d) => d.compkey).sort()).toEqual(alreadyBlocked.sort());
  });

  it('blocks and unblocks lists all or nothing: one unknown key is 400/40002 and changes nothing', async () => {
    const keys = devices().filter((d) => !d.blocked).slice(0, 2).map((d) => d.compkey);
    await expect(admin.registeredDevices.blockMany([...keys, 'CRNOSUCHDEVICE000000'])).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'registered_device_key_list' });
    for (const k of keys) expect(parent().registered_devices![k]!.blocked).toBe(false);
    await admin.registeredDevices.blockMany(keys);
    for (const k of keys) expect((await admin.registeredDevices.get(k)).is_blocked).toBe(true);
    await admin.registeredDevices.unblockMany(keys);
    for (const k of keys) expect((await admin.registeredDevices.get(k)).is_blocked).toBe(false);
    await expect(admin.registeredDevices.blockMany([])).rejects.toBeInstanceOf(DuoConfigError);
  });

  it('answers 404/40401 for unknown keys (200 for deleting one), 40001 for a missing list', async () => {
    await expect(admin.endpoints.get('EPNOSUCHENDPOINT0000')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.registeredDevices.get('CRNOSUCHDEVICE000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.registeredDevices.block('CRNOSUCHDEVICE000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.registeredDevices.unblock('CRNOSUCHDEVICE000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.registeredDevices.delete('CRNOSUCHDEVICE000000')).resolves.toBeUndefined();
    await expect(admin.request('POST', '/admin/v1/registered_devices/blocked', {})).rejects.toMatchObject({ status: 400, code: 40001 });
  });

  it('deleting a blocked device removes it from the devices and from the blocked list', async () => {
    const device = devices().find((d) => !d.blocked)!;
    await admin.registeredDevices.block(device.compkey);
    await admin.registeredDevices.delete(device.compkey);
    await expect(admin.registeredDevices.get(device.compkey)).rejects.toMatchObject({ status: 404 });
    expect((await admin.registeredDevices.listBlocked().toArray()).map((d) => d.compkey)).not.toContain(device.compkey);
  });

  it("deleting a user takes its registered devices; its endpoints stay, named by username and email", async () => {
    const device = devices()[0]!;
    const user = parent().users[device.user_id]!;
    const mine = Object.values(parent().device_endpoints ?? {}).filter((e) => e.username === user.username);
    const before = (await admin.registeredDevices.list().toArray()).length;
    await admin.users.delete(user.user_id);
    await expect(admin.registeredDevices.get(device.compkey)).rejects.toMatchObject({ status: 404, code: 40401 });
    expect(await admin.registeredDevices.list().toArray()).toHaveLength(before - Object.values(parent().registered_devices ?? {}).filter((d) => d.user_id === user.user_id).length);
    for (const e of mine) expect(await admin.endpoints.get(e.epkey)).toMatchObject({ username: user.username, email: user.email });
  });

  it('answers 40301 without the grant: read_resource for reads, write_resource for deletes and blocks', async () => {
    const key = devices()[0]!.compkey;
    const writer = clientFor({ read_resource: true, write_resource: false });
    try {
      expect((await writer.registeredDevices.listBlocked().toArray()).length).toBeGreaterThanOrEqual(0);
      for (const call of [() => writer.registeredDevices.block(key), () => writer.registeredDevices.unblockMany([key]), () => writer.registeredDevices.delete(key)]) {
        await expect(call()).rejects.toBeInstanceOf(DuoForbiddenError);
      }
      const reader = clientFor({ read_resource: false, write_resource: false });
      for (const call of [() => reader.endpoints.list().toArray(), () => reader.endpoints.get('X'), () => reader.registeredDevices.list().toArray(), () => reader.registeredDevices.getBlocked(key)]) {
        await expect(call()).rejects.toMatchObject({ status: 403, code: 40301 });
      }
    } finally {
      const integration = Object.values(parent().integrations).find((i) => i.type === 'admin')!;
      integration.grants = { ...integration.grants!, read_resource: true, write_resource: true };
    }
  });

  it('gave only answers that fit the OpenAPI description', () => {
    const mine = answers().filter((a) => FAMILY.test(a.endpoint.id));
    expect(mine.length).toBeGreaterThan(20);
    expect(mine.flatMap((a) => answerProblems(doc, a))).toEqual([]);
  });
});
