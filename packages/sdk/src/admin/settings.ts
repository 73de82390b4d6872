import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { settingsGet, settingsUpdate } from '../endpoints/settings.js';
import { DuoConfigError } from '../errors/error-classes.js';
import { requireObject } from '../resources/check.js';
import type { DuoSettings, DuoSettingsUpdate } from './types.js';

/** Admin API account settings: wrappers over `endpoints/settings.ts` (which sends booleans as "1"/"0"). */
export class SettingsResource {
  constructor(private readonly caller: Caller) {}

  /** The account's settings. */
  async get(options?: RequestOptions): Promise<DuoSettings> {
    return (await callEndpoint(this.caller, settingsGet, {}, options)).response as never;
  }

  /** Changes the given settings and returns them all. */
  async update(changes: DuoSettingsUpdate, options?: RequestOptions): Promise<DuoSettings> {
    requireObject(changes, 'changes');
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) throw new DuoConfigError('changes', 'settings.update needs at least one setting to change');
    return (await callEndpoint(this.caller, settingsUpdate, set as never, options)).response as never;
  }
}
