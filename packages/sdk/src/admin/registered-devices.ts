import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
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
  type registeredDeviceShape,
} from '../endpoints/registered-devices.js';
import type { ValueOf } from '../endpoints/shape.js';
import { DuoConfigError } from '../errors/error-classes.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';

/** A Duo Desktop registered device, with its owner and whether it is blocked. */
export type DuoRegisteredDevice = ValueOf<typeof registeredDeviceShape>;

/** Admin API Duo Desktop registered devices and their blocks: wrappers over `endpoints/registered-devices.ts`. */
export class RegisteredDevicesResource {
  constructor(private readonly caller: Caller) {}

  /** Every registered device of the account, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoRegisteredDevice> {
    return offsetList<DuoRegisteredDevice>(this.caller, registeredDevicesList, {}, options);
  }

  /** One registered device by its key (compkey). */
  async get(compkey: string, options?: RequestOptions): Promise<DuoRegisteredDevice> {
    const registered_device_key = requireString(compkey, 'compkey');
    return (await callEndpoint(this.caller, registeredDevicesGet, { registered_device_key }, options)).response;
  }

  /** Deletes a registered device (and its block); succeeds when already gone. */
  async delete(compkey: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, registeredDevicesDelete, { registered_device_key: requireString(compkey, 'compkey') }, options);
  }

  /** The blocked registered devices, 500 per page by default. */
  listBlocked(options: ListOptions = {}): Paginated<DuoRegisteredDevice> {
    return offsetList<DuoRegisteredDevice>(this.caller, blockedDevicesList, {}, options);
  }

  /** One blocked device; Duo answers 404 when the device is not blocked. */
  async getBlocked(compkey: string, options?: RequestOptions): Promise<DuoRegisteredDevice> {
    return (await callEndpoint(this.caller, blockedDevicesGet, { compkey: requireString(compkey, 'compkey') }, options)).response;
  }

  /** Blocks one registered device; blocking it again changes nothing. */
  async block(compkey: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, blockedDevicesBlock, { compkey: requireString(compkey, 'compkey') }, options);
  }

  /** Blocks several registered devices in one call. */
  async blockMany(compkeys: readonly string[], options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, blockedDevicesBlockMany, { registered_device_key_list: keyList(compkeys) }, options);
  }

  /** Unblocks one registered device. */
  async unblock(compkey: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, blockedDevicesUnblock, { compkey: requireString(compkey, 'compkey') }, options);
  }

  /** Unblocks several registered devices in one call. */
  async unblockMany(compkeys: readonly string[], options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, blockedDevicesUnblockMany, { registered_device_key_list: keyList(compkeys) }, options);
  }
}

function keyList(compkeys: readonly string[]): string[] {
  if (!Array.isArray(compkeys) || compkeys.length === 0) throw new DuoConfigError('compkeys', 'compkeys must be a non-empty array of registered device keys');
  return compkeys.map((k, i) => requireString(k, `compkeys[${i}]`));
}
