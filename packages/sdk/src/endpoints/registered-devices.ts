import { authenticatorUserShape } from './authenticator-objects.js';
import { endpointFamily } from './endpoint-family.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#registered-devices';
// Duo's python client walks these lists 100 at a time; the maximum is undocumented, 500 like the other device lists.
const page = offsetPaging(100, 500);
/** Reads need "Grant read resource", writes "Grant write resource". */
const registered = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource', page });
const compkey = t.string({ minLength: 1, description: 'Duo key (compkey) of the registered device' });
const keyList = t.array(t.string({ minLength: 1 }), { minItems: 1, description: 'Registered device keys (compkeys)' });
const BLOCKED = '/admin/v1/registered_devices/blocked';

/**
 * A Duo Desktop registered device: a computer on which Duo Desktop registered for a user.
 * `compkey` is Duo's; the other field names are the emulator's reading of Duo's description
 * (Duo documents the object only in prose), `is_blocked` showing a block placed through the
 * blocked-devices endpoints.
 */
export const registeredDeviceShape = t.object(
  {
    compkey: t.string({ description: 'Duo key of the registered device' }),
    name: t.string({ description: 'Computer name Duo Desktop reports' }),
    os_family: t.string({ description: 'e.g. Windows, macOS' }),
    os_version: t.string(),
    health_app_client_version: t.string({ description: 'Duo Desktop version' }),
    date_added: t.integer({ description: 'Unix seconds' }),
    last_seen: t.integer({ nullable: true, description: 'Unix seconds' }),
    is_blocked: t.boolean({ description: 'Blocked from authenticating (see the blocked-devices endpoints)' }),
    user: authenticatorUserShape,
  },
  { required: ['compkey', 'is_blocked'] },
);

/** `GET /admin/v1/registered_devices`. */
export const registeredDevicesList = registered.list({
  id: 'registered_devices.list',
  summary: 'List Duo Desktop registered devices',
  path: '/admin/v1/registered_devices',
  response: t.array(registeredDeviceShape),
  docs: `${DOCS}-retrieve-registered-devices`,
});

/** `GET /admin/v1/registered_devices/{registered_device_key}`. */
export const registeredDevicesGet = registered.get({
  id: 'registered_devices.get',
  summary: 'Get one registered device',
  path: '/admin/v1/registered_devices/{registered_device_key}',
  params: { registered_device_key: compkey },
  response: registeredDeviceShape,
  docs: 'https://duo.com/docs/adminapi#retrieve-registered-device-by-id',
});

/** `DELETE /admin/v1/registered_devices/{registered_device_key}`: succeeds when already gone. */
export const registeredDevicesDelete = registered.remove({
  id: 'registered_devices.delete',
  summary: 'Delete a registered device',
  path: '/admin/v1/registered_devices/{registered_device_key}',
  params: { registered_device_key: compkey },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#delete-registered-device-by-id',
});

/** `GET /admin/v1/registered_devices/blocked`: the registered devices now blocked. */
export const blockedDevicesList = registered.list({
  id: 'blocked_devices.list',
  summary: 'List blocked registered devices',
  path: BLOCKED,
  response: t.array(registeredDeviceShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-blocked-registered-devices',
});

/** `GET /admin/v1/registered_devices/blocked/{compkey}`: 404 unless the device is blocked. */
export const blockedDevicesGet = registered.get({
  id: 'blocked_devices.get',
  summary: 'Get one blocked registered device',
  path: `${BLOCKED}/{compkey}`,
  params: { compkey },
  response: registeredDeviceShape,
  docs: 'https://duo.com/docs/adminapi#retrieve-blocked-registered-device-by-id',
});

/** `POST /admin/v1/registered_devices/blocked`: blocks every listed device, or none if one is unknown. */
export const blockedDevicesBlockMany = registered.write({
  id: 'blocked_devices.block_many',
  summary: 'Block registered devices',
  path: BLOCKED,
  idempotent: true,
  params: { registered_device_key_list: required(keyList) },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#block-registered-devices',
});

/** `POST /admin/v1/registered_devices/blocked/{compkey}`: blocking twice changes nothing. */
export const blockedDevicesBlock = registered.write({
  id: 'blocked_devices.block',
  summary: 'Block a registered device',
  path: `${BLOCKED}/{compkey}`,
  idempotent: true,
  params: { compkey },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#block-registered-device-by-id',
});

/** `DELETE /admin/v1/registered_devices/blocked`: unblocks every listed device, or none if one is unknown. */
export const blockedDevicesUnblockMany = registered.remove({
  id: 'blocked_devices.unblock_many',
  summary: 'Unblock registered devices',
  path: BLOCKED,
  params: { registered_device_key_list: required(keyList) },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#unblock-registered-devices',
});

/** `DELETE /admin/v1/registered_devices/blocked/{compkey}`: unblocking an unblocked device changes nothing. */
export const blockedDevicesUnblock = registered.remove({
  id: 'blocked_devices.unblock',
  summary: 'Unblock a registered device',
  path: `${BLOCKED}/{compkey}`,
  params: { compkey },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#unblock-registered-device-by-id',
});

/** Every registered-device and blocked-device endpoint. */
export const registeredDeviceEndpoints = [
  registeredDevicesList,
  registeredDevicesGet,
  registeredDevicesDelete,
  blockedDevicesList,
  blockedDevicesGet,
  blockedDevicesBlockMany,
  blockedDevicesBlock,
  blockedDevicesUnblockMany,
  blockedDevicesUnblock,
] as const;
