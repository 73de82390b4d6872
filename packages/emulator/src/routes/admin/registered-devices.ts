import {
  blockedDevicesBlock,
  blockedDevicesBlockMany,
  blockedDevicesGet,
  blockedDevicesList,
  blockedDevicesUnblock,
  blockedDevicesUnblockMany,
  registeredDevicesDelete,
  registeredDevicesGet,
  registeredDevicesList,
} from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { readIdList } from '../../params/read-id-list.js';
import { reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeRegisteredDevice } from '../../serialize/serialize-device-registered.js';
import { findRegisteredDevice, registeredDeviceRecordsOf, registeredDevicesOf, type RegisteredDeviceRecord } from '../../state/device-records.js';

const LIST = 'registered_device_key_list';

/**
 * Admin API Duo Desktop registered devices and their blocks. A block is a flag on the device:
 * the device shows `is_blocked`, the blocked list shows it, unblocking clears it, and deleting the
 * device removes it from both (the emulator's choice; Duo does not say whether a block outlives
 * the device).
 */
export const registeredDeviceRoutes: Route[] = [
  defineRoute({
    endpoint: registeredDevicesList,
    handle(ctx) {
      const page = paginate(registeredDevicesOf(ctx.account), ctx.params, pageDefaults(registeredDevicesList, ctx.options.overMaxLimit));
      return ok(page.response.map((d) => serializeRegisteredDevice(ctx.account, d)), page.metadata);
    },
  }),
  defineRoute({
    endpoint: registeredDevicesGet,
    handle: (ctx) => ok(serializeRegisteredDevice(ctx.account, deviceOr404(ctx, 'registered_device_key'))),
  }),
  defineRoute({
    endpoint: registeredDevicesDelete,
    handle(ctx) {
      // Duo's deletes succeed for keys that are already gone.
      const device = findRegisteredDevice(ctx.account, ctx.path['registered_device_key'] ?? '');
      if (device) delete registeredDeviceRecordsOf(ctx.account)[device.compkey];
      return ok('');
    },
  }),
  defineRoute({
    endpoint: blockedDevicesList,
    handle(ctx) {
      const blocked = registeredDevicesOf(ctx.account).filter((d) => d.blocked);
      const page = paginate(blocked, ctx.params, pageDefaults(blockedDevicesList, ctx.options.overMaxLimit));
      return ok(page.response.map((d) => serializeRegisteredDevice(ctx.account, d)), page.metadata);
    },
  }),
  defineRoute({
    endpoint: blockedDevicesGet,
    handle(ctx) {
      const device = deviceOr404(ctx, 'compkey');
      // A device that is not blocked is not in the blocked collection.
      if (!device.blocked) reject(failures.notFound('compkey'));
      return ok(serializeRegisteredDevice(ctx.account, device));
    },
  }),
  defineRoute({
    endpoint: blockedDevicesBlock,
    handle(ctx) {
      deviceOr404(ctx, 'compkey').blocked = true;
      return ok('');
    },
  }),
  defineRoute({ endpoint: blockedDevicesBlockMany, handle: (ctx) => setBlocked(ctx, true) }),
  defineRoute({
    endpoint: blockedDevicesUnblock,
    handle(ctx) {
      // Unlike a delete, an unknown device is an error: there is no block to lift (emulator's reading).
      deviceOr404(ctx, 'compkey').blocked = false;
      return ok('');
    },
  }),
  defineRoute({ endpoint: blockedDevicesUnblockMany, handle: (ctx) => setBlocked(ctx, false) }),
];

function deviceOr404(ctx: HandlerContext, name: string): RegisteredDeviceRecord {
  const device = findRegisteredDevice(ctx.account, ctx.path[name] ?? '');
  if (!device) reject(failures.notFound(name));
  return device;
}

/**
 * Blocks or unblocks every listed device, or none: one unknown key refuses the whole call with
 * 400/40002 naming the list (Duo's answer for a list with unknown keys is undocumented).
 */
function setBlocked(ctx: HandlerContext, blocked: boolean) {
  // Repeated keys (a v5 JSON array, python's form), one JSON-array string or a comma-separated one.
  const keys = (readIdList(ctx.params, LIST) ?? []).flatMap((k) => k.split(',').map((s) => s.trim()));
  if (keys.some((k) => k === '')) reject(failures.invalidParam(LIST));
  const devices = keys.map((key) => findRegisteredDevice(ctx.account, key));
  if (devices.some((d) => d === undefined)) reject(failures.invalidParam(LIST));
  for (const device of devices) device!.blocked = blocked;
  return ok('');
}
