import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { endpointsGet, endpointsList, type endpointShape } from '../endpoints/device-endpoints.js';
import type { ValueOf } from '../endpoints/shape.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';

/** An endpoint (a device Duo saw reach a protected application), tied to its user by username and email. */
export type DuoEndpoint = ValueOf<typeof endpointShape>;

/** Admin API endpoints (devices): wrappers over `endpoints/device-endpoints.ts`. */
export class DeviceEndpointsResource {
  constructor(private readonly caller: Caller) {}

  /** Every endpoint of the account, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoEndpoint> {
    return offsetList<DuoEndpoint>(this.caller, endpointsList, {}, options);
  }

  /** One endpoint by its `epkey`. */
  async get(epkey: string, options?: RequestOptions): Promise<DuoEndpoint> {
    return (await callEndpoint(this.caller, endpointsGet, { epkey: requireString(epkey, 'epkey') }, options)).response;
  }
}
