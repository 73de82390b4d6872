import type { Caller, RequestOptions } from '../client/duo-client.js';
import { unixSeconds } from '../resources/check.js';
import type { DuoAuthenticationAttempts, DuoInfoSummary, DuoTimeWindow } from './types.js';

/** Admin API account information. */
export class InfoResource {
  constructor(private readonly caller: Caller) {}

  /** Counts of admins, integrations, users and remaining telephony credits. */
  async summary(options?: RequestOptions): Promise<DuoInfoSummary> {
    return (await this.get<DuoInfoSummary>('/admin/v1/info/summary', undefined, options)).response;
  }

  /** Authentication attempts by result in a window (Duo's default: the last 30 days). */
  async authenticationAttempts(window: DuoTimeWindow = {}, options?: RequestOptions): Promise<DuoAuthenticationAttempts> {
    return (await this.get<DuoAuthenticationAttempts>('/admin/v1/info/authentication_attempts', window, options)).response;
  }

  /** Users with authentication attempts, by result, in a window. */
  async userAuthenticationAttempts(window: DuoTimeWindow = {}, options?: RequestOptions): Promise<Record<string, unknown>> {
    return (await this.get<Record<string, unknown>>('/admin/v1/info/user_authentication_attempts', window, options)).response;
  }

  /** Telephony credits used in a window. */
  async telephonyCreditsUsed(window: DuoTimeWindow = {}, options?: RequestOptions): Promise<Record<string, unknown>> {
    return (await this.get<Record<string, unknown>>('/admin/v1/info/telephony_credits_used', window, options)).response;
  }

  private get<T>(path: string, window: DuoTimeWindow | undefined, options: RequestOptions | undefined) {
    const params = window ? { mintime: unixSeconds(window.mintime, 'mintime'), maxtime: unixSeconds(window.maxtime, 'maxtime') } : undefined;
    return this.caller.call<T>({ ...options, method: 'GET', path, params, idempotent: true, endpointClass: 'admin_get_one' });
  }
}
