import type { Caller, RequestOptions } from '../client/duo-client.js';
import { DuoConfigError } from '../errors/error-classes.js';
import { requireObject } from '../resources/check.js';
import type { DuoSettings, DuoSettingsUpdate } from './types.js';

/** Admin API account settings. */
export class SettingsResource {
  constructor(private readonly caller: Caller) {}

  /** The account's settings. */
  async get(options?: RequestOptions): Promise<DuoSettings> {
    return (await this.caller.call<DuoSettings>({ ...options, method: 'GET', path: '/admin/v1/settings', idempotent: true, endpointClass: 'admin_get_one' }))
      .response;
  }

  /** Changes the given settings and returns them all. Booleans go as "1"/"0", as Duo's clients send them. */
  async update(changes: DuoSettingsUpdate, options?: RequestOptions): Promise<DuoSettings> {
    requireObject(changes, 'changes');
    const body: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (typeof value === 'boolean') body[key] = value ? '1' : '0';
      else if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) body[key] = value;
      else throw new DuoConfigError(key, `${key} must be a string, a number or a boolean`);
    }
    if (Object.keys(body).length === 0) throw new DuoConfigError('changes', 'settings.update needs at least one setting to change');
    return (
      await this.caller.call<DuoSettings>({ ...options, method: 'POST', path: '/admin/v1/settings', params: body, idempotent: true, endpointClass: 'admin_modify' })
    ).response;
  }
}
