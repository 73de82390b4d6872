import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { infoAuthenticationAttempts, infoSummary, infoTelephonyCreditsUsed, infoUserAuthenticationAttempts } from '../endpoints/info.js';
import { unixSeconds } from '../resources/check.js';
import type { DuoAuthenticationAttempts, DuoInfoSummary, DuoTimeWindow } from './types.js';

/** Admin API account information: wrappers over `endpoints/info.ts`, taking Dates as well as seconds. */
export class InfoResource {
  constructor(private readonly caller: Caller) {}

  /** Counts of admins, integrations, users and remaining telephony credits. */
  async summary(options?: RequestOptions): Promise<DuoInfoSummary> {
    return (await callEndpoint(this.caller, infoSummary, {}, options)).response as never;
  }

  /** Authentication attempts by result in a window (Duo's default: the last 30 days). */
  async authenticationAttempts(window: DuoTimeWindow = {}, options?: RequestOptions): Promise<DuoAuthenticationAttempts> {
    return (await callEndpoint(this.caller, infoAuthenticationAttempts, seconds(window), options)).response as never;
  }

  /** Users with authentication attempts, by result, in a window. */
  async userAuthenticationAttempts(window: DuoTimeWindow = {}, options?: RequestOptions): Promise<Record<string, unknown>> {
    return (await callEndpoint(this.caller, infoUserAuthenticationAttempts, seconds(window), options)).response as never;
  }

  /** Telephony credits used in a window. */
  async telephonyCreditsUsed(window: DuoTimeWindow = {}, options?: RequestOptions): Promise<Record<string, unknown>> {
    return (await callEndpoint(this.caller, infoTelephonyCreditsUsed, seconds(window), options)).response as never;
  }
}

function seconds(window: DuoTimeWindow): { mintime?: number; maxtime?: number } {
  const out: { mintime?: number; maxtime?: number } = {};
  const mintime = unixSeconds(window.mintime, 'mintime');
  const maxtime = unixSeconds(window.maxtime, 'maxtime');
  if (mintime !== undefined) out.mintime = mintime;
  if (maxtime !== undefined) out.maxtime = maxtime;
  return out;
}
