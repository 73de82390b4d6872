import { beforeEach, describe, expect, it } from 'vitest';
import { registeredDeviceRecordsOf } from '../src/state/device-records.js';
import { demoFixture, type DemoFixture } from './support-auth/demo-fixture.js';

/**
 * Endpoints, Duo Desktop registered devices and their blocks on the wire, in the forms Duo's
 * clients send (v2 forms with repeated keys or a JSON-array string, v5 JSON bodies, DELETE queries).
 */

const BLOCKED = '/admin/v1/registered_devices/blocked';

describe('registered devices and blocks', () => {
  let f: DemoFixture;
  let keys: string[];
  beforeEach(() => {
    f = demoFixture();
    keys = Object.keys(registeredDeviceRecordsOf(f.account));
    expect(keys.length).toBeGreaterThanOrEqual(3);
  });
  const blockedKeys = async () => (await f.adminCall('GET', BLOCKED)).body.response.map((d: { compkey: string }) => d.compkey);

  it('lists devices with their owners, paged as a v1 list', async () => {
    const page = await f.adminCall('GET', '/admin/v1/registered_devices', { limit: 2, offset: 1 });
    expect(page.status).toBe(200);
    expect(page.body.metadata).toMatchObject({ total_objects: keys.length, prev_offset: 0 });
    expect(page.body.response.map((d: { compkey: string }) => d.compkey)).toEqual(keys.slice(1, 3));
    const device = page.body.response[0];
    expect(device.user.user_id).toBe(registeredDeviceRecordsOf(f.account)[keys[1]!]!.user_id);
    expect(device.is_blocked).toBe(false);
  });

  it('shows a block on the device and in the blocked list; unblocking clears both', async () => {
    const key = keys[0]!;
    expect(await f.adminCall('POST', `${BLOCKED}/${key}`)).toMatchObject({ status: 200, body: { stat: 'OK', response: '' } });
    expect((await f.adminCall('GET', `/admin/v1/registered_devices/${key}`)).body.response.is_blocked).toBe(true);
    expect(await blockedKeys()).toEqual([key]);
    expect((await f.adminCall('GET', `${BLOCKED}/${key}`)).body.response.compkey).toBe(key);
    // Blocking twice changes nothing.
    expect((await f.adminCall('POST', `${BLOCKED}/${key}`)).status).toBe(200);
    expect(await blockedKeys()).toEqual([key]);
    expect((await f.adminCall('DELETE', `${BLOCKED}/${key}`)).status).toBe(200);
    expect((await f.adminCall('GET', `/admin/v1/registered_devices/${key}`)).body.response.is_blocked).toBe(false);
    expect(await blockedKeys()).toEqual([]);
    expect(await f.adminCall('GET', `${BLOCKED}/${key}`)).toMatchObject({ status: 404, body: { code: 40401, message_detail: 'compkey' } });
  });

  it('blocks a list sent as repeated form keys, a JSON-array string, a v5 JSON array or comma-separated', async () => {
    const [a, b, c] = keys as [string, string, string];
    expect((await f.adminCall('POST', BLOCKED, { registered_device_key_list: [a, b] })).status).toBe(200);
    expect((await blockedKeys()).sort()).toEqual([a, b].sort());
    expect((await f.adminCall('DELETE', BLOCKED, { registered_device_key_list: JSON.stringify([a]) })).status).toBe(200);
    expect(await blockedKeys()).toEqual([b]);
    expect((await f.adminCall('POST', BLOCKED, { registered_device_key_list: [c] }, { sigVersion: 5 })).status).toBe(200);
    expect((await f.adminCall('DELETE', BLOCKED, { registered_device_key_list: `${b},${c}` })).status).toBe(200);
    expect(await blockedKeys()).toEqual([]);
  });

  it('refuses a whole list when one key is unknown, and a missing list', async () => {
    const unknown = await f.adminCall('POST', BLOCKED, { registered_device_key_list: [keys[0]!, 'CRNOSUCHDEVICE000000'] });
    expect(unknown).toMatchObject({ status: 400, body: { stat: 'FAIL', code: 40002, message_detail: 'registered_device_key_list' } });
    expect(await blockedKeys()).toEqual([]);
    expect(await f.adminCall('POST', BLOCKED, {})).toMatchObject({ status: 400, body: { code: 40001, message_detail: 'registered_device_key_list' } });
    expect(await f.adminCall('DELETE', BLOCKED, {})).toMatchObject({ status: 400, body: { code: 40001 } });
  });

  it('answers 404/40401 for blocking, unblocking or reading an unknown device, 200 for deleting it', async () => {
    for (const [method, path] of [
      ['POST', `${BLOCKED}/CRNOSUCHDEVICE000000`],
      ['DELETE', `${BLOCKED}/CRNOSUCHDEVICE000000`],
      ['GET', '/admin/v1/registered_devices/CRNOSUCHDEVICE000000'],
    ] as const) {
      expect(await f.adminCall(method, path), `${method} ${path}`).toMatchObject({ status: 404, body: { code: 40401 } });
    }
    expect(await f.adminCall('DELETE', '/admin/v1/registered_devices/CRNOSUCHDEVICE000000')).toMatchObject({ status: 200, body: { response: '' } });
  });

  it('deleting a blocked device removes it from the devices and from the blocked list', async () => {
    const key = keys[1]!;
    await f.adminCall('POST', `${BLOCKED}/${key}`);
    expect((await f.adminCall('DELETE', `/admin/v1/registered_devices/${key}`)).status).toBe(200);
    expect((await f.adminCall('GET', `/admin/v1/registered_devices/${key}`)).status).toBe(404);
    expect(await blockedKeys()).toEqual([]);
    expect(registeredDeviceRecordsOf(f.account)[key]).toBeUndefined();
  });

  it("deleting a user takes its registered devices; its endpoints stay, named by username and email", async () => {
    const device = registeredDeviceRecordsOf(f.account)[keys[0]!]!;
    const user = f.account.users[device.user_id]!;
    const endpoints = Object.values(f.account.device_endpoints ?? {}).filter((e) => e.username === user.username);
    expect((await f.adminCall('DELETE', `/admin/v1/users/${user.user_id}`)).status).toBe(200);
    expect((await f.adminCall('GET', `/admin/v1/registered_devices/${device.compkey}`)).status).toBe(404);
    const listed = (await f.adminCall('GET', '/admin/v1/registered_devices', { limit: 500 })).body.response;
    expect(listed.map((d: { compkey: string }) => d.compkey)).not.toContain(device.compkey);
    for (const e of endpoints) {
      expect((await f.adminCall('GET', `/admin/v1/endpoints/${e.epkey}`)).body.response).toMatchObject({ username: user.username, email: user.email });
    }
  });

  it('answers 40301 without the grants: read_resource for reads, write_resource for blocks', async () => {
    const grants = f.account.integrations[f.admin.integration_key]!.grants!;
    grants.write_resource = false;
    expect((await f.adminCall('GET', BLOCKED)).status).toBe(200);
    expect(await f.adminCall('POST', `${BLOCKED}/${keys[0]}`)).toMatchObject({ status: 403, body: { code: 40301 } });
    expect(await f.adminCall('DELETE', `/admin/v1/registered_devices/${keys[0]}`)).toMatchObject({ status: 403, body: { code: 40301 } });
    grants.read_resource = false;
    expect(await f.adminCall('GET', '/admin/v1/endpoints')).toMatchObject({ status: 403, body: { code: 40301 } });
    expect(await f.adminCall('GET', '/admin/v1/registered_devices')).toMatchObject({ status: 403, body: { code: 40301 } });
  });
});

describe('endpoints', () => {
  it('pages endpoints with Duo metadata and reads one by epkey', async () => {
    const f = demoFixture();
    const all = Object.values(f.account.device_endpoints ?? {});
    expect(all.length).toBeGreaterThan(4);
    const page = await f.adminCall('GET', '/admin/v1/endpoints', { limit: 3 });
    expect(page.body.metadata).toEqual({ total_objects: all.length, next_offset: 3 });
    expect(page.body.response.map((e: { epkey: string }) => e.epkey)).toEqual(all.slice(0, 3).map((e) => e.epkey));
    const laptop = all.find((e) => e.health_app_client_version !== '')!;
    const one = await f.adminCall('GET', `/admin/v1/endpoints/${laptop.epkey}`);
    expect(one.body.response).toMatchObject({ epkey: laptop.epkey, device_name: laptop.device_name, trusted_endpoint: laptop.trusted_endpoint });
    expect(typeof one.body.response.health_data_last_collected).toBe('number');
    expect(await f.adminCall('GET', '/admin/v1/endpoints/EPNOSUCHENDPOINT0000')).toMatchObject({ status: 404, body: { code: 40401, message_detail: 'epkey' } });
    expect(await f.adminCall('GET', '/admin/v1/endpoints', { limit: 'many' })).toMatchObject({ status: 400, body: { code: 40002, message_detail: 'limit' } });
  });

  it('seeds the same devices for the same seed', () => {
    const strip = (f: DemoFixture) => JSON.stringify([f.account.device_endpoints, f.account.registered_devices]);
    expect(strip(demoFixture({ now: () => 1_750_000_000_000 }))).toBe(strip(demoFixture({ now: () => 1_750_000_000_000 })));
  });
});
