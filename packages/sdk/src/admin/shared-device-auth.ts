import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import {
  sharedDeviceAuthCreate,
  sharedDeviceAuthDelete,
  sharedDeviceAuthGet,
  sharedDeviceAuthList,
  sharedDeviceAuthUpdate,
} from '../endpoints/desktop-authenticators.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import type { DuoSharedDeviceAuth, DuoSharedDeviceAuthCreateParams, DuoSharedDeviceAuthUpdateParams } from './authenticator-types.js';

/** Admin API shared device authentication configurations (Duo Desktop on shared computers). */
export class SharedDeviceAuthResource {
  constructor(private readonly caller: Caller) {}

  /** Every configuration, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoSharedDeviceAuth> {
    return offsetList<DuoSharedDeviceAuth>(this.caller, sharedDeviceAuthList, {}, options);
  }

  /** One configuration by its key. */
  async get(sharedDeviceKey: string, options?: RequestOptions): Promise<DuoSharedDeviceAuth> {
    const shared_device_key = requireString(sharedDeviceKey, 'sharedDeviceKey');
    return (await callEndpoint(this.caller, sharedDeviceAuthGet, { shared_device_key }, options)).response;
  }

  /** Creates a configuration (sent as JSON, as Duo requires); never resent after an ambiguous failure. */
  async create(params: DuoSharedDeviceAuthCreateParams, options?: RequestOptions): Promise<DuoSharedDeviceAuth> {
    return (await callEndpoint(this.caller, sharedDeviceAuthCreate, requireObject(params, 'params'), options)).response;
  }

  /** Modifies a configuration; a given list replaces the old one. */
  async update(sharedDeviceKey: string, changes: DuoSharedDeviceAuthUpdateParams, options?: RequestOptions): Promise<DuoSharedDeviceAuth> {
    const shared_device_key = requireString(sharedDeviceKey, 'sharedDeviceKey');
    const fields = { ...requireObject(changes, 'changes'), shared_device_key };
    return (await callEndpoint(this.caller, sharedDeviceAuthUpdate, fields, options)).response;
  }

  /** Deletes a configuration; succeeds when already gone. */
  async delete(sharedDeviceKey: string, options?: RequestOptions): Promise<void> {
    const shared_device_key = requireString(sharedDeviceKey, 'sharedDeviceKey');
    await callEndpoint(this.caller, sharedDeviceAuthDelete, { shared_device_key }, options);
  }
}
