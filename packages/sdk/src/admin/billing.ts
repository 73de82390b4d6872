import type { Caller, RequestOptions } from '../client/duo-client.js';
import { requireInteger, requireString } from '../resources/check.js';
import type { DuoEdition } from './types.js';

/** Child-account billing (enabled by Duo support): edition and telephony credits. */
export class BillingResource {
  constructor(private readonly caller: Caller) {}

  /** The child's edition. */
  async getEdition(options?: RequestOptions): Promise<{ edition: DuoEdition }> {
    return (
      await this.caller.call<{ edition: DuoEdition }>({ ...options, method: 'GET', path: '/admin/v1/billing/edition', idempotent: true, endpointClass: 'admin_get_one' })
    ).response;
  }

  /** Sets the child's edition: ENTERPRISE (Essentials), PLATFORM (Advantage), BEYOND (Premier). */
  async setEdition(edition: DuoEdition, options?: RequestOptions): Promise<unknown> {
    requireString(edition, 'edition');
    return (
      await this.caller.call({ ...options, method: 'POST', path: '/admin/v1/billing/edition', params: { edition }, idempotent: true, endpointClass: 'admin_modify' })
    ).response;
  }

  /** The child's telephony credits. */
  async getTelephonyCredits(options?: RequestOptions): Promise<{ credits: number }> {
    return (
      await this.caller.call<{ credits: number }>({
        ...options,
        method: 'GET',
        path: '/admin/v1/billing/telephony_credits',
        idempotent: true,
        endpointClass: 'admin_get_one',
      })
    ).response;
  }

  /** Sets the child's credit total (the difference comes from the parent); a total, so repeatable. */
  async setTelephonyCredits(credits: number, options?: RequestOptions): Promise<unknown> {
    requireInteger(credits, 'credits', 0);
    return (
      await this.caller.call({
        ...options,
        method: 'POST',
        path: '/admin/v1/billing/telephony_credits',
        params: { credits },
        idempotent: true,
        endpointClass: 'admin_modify',
      })
    ).response;
  }
}
