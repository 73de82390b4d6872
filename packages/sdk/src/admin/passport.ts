import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import type { ParamsOf } from '../endpoints/params-of.js';
import { passportGet, passportUpdate, type passportConfigShape } from '../endpoints/passport.js';
import type { ValueOf } from '../endpoints/shape.js';
import { requireObject } from '../resources/check.js';

/** The Duo Passport configuration: status, groups (as objects) and extra supported browsers. */
export type DuoPassportConfig = ValueOf<typeof passportConfigShape>;

/** What a Passport change sends: `enabled_status` always, lists of group ids, browsers per platform. */
export type DuoPassportUpdateParams = ParamsOf<typeof passportUpdate>;

/** Admin API Duo Passport configuration (a JSON, v5-signed endpoint). */
export class PassportResource {
  constructor(private readonly caller: Caller) {}

  /** The current configuration. */
  async get(options?: RequestOptions): Promise<DuoPassportConfig> {
    return (await callEndpoint(this.caller, passportGet, {}, options)).response;
  }

  /** Changes the configuration; a list given replaces the old one, a field left out stays. */
  async update(params: DuoPassportUpdateParams, options?: RequestOptions): Promise<DuoPassportConfig> {
    return (await callEndpoint(this.caller, passportUpdate, requireObject(params, 'params'), options)).response;
  }
}
