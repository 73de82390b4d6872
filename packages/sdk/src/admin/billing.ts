import type { Caller, RequestOptions } from '../client/duo-client.js';
import { billingGetEdition, billingGetTelephonyCredits, billingSetEdition, billingSetTelephonyCredits } from '../endpoints/billing.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import type { DuoEdition } from './types.js';

/** Child-account billing (enabled by Duo support): wrappers over `endpoints/billing.ts`. */
export class BillingResource {
  constructor(private readonly caller: Caller) {}

  /** The child's edition. */
  async getEdition(options?: RequestOptions): Promise<{ edition: DuoEdition }> {
    return (await callEndpoint(this.caller, billingGetEdition, {}, options)).response;
  }

  /** Sets the child's edition: ENTERPRISE (Essentials), PLATFORM (Advantage), BEYOND (Premier). */
  async setEdition(edition: DuoEdition, options?: RequestOptions): Promise<unknown> {
    return (await callEndpoint(this.caller, billingSetEdition, { edition: edition as 'ENTERPRISE' }, options)).response;
  }

  /** The child's telephony credits. */
  async getTelephonyCredits(options?: RequestOptions): Promise<{ credits: number }> {
    return (await callEndpoint(this.caller, billingGetTelephonyCredits, {}, options)).response;
  }

  /** Sets the child's credit total (the difference comes from the parent); a total, so repeatable. */
  async setTelephonyCredits(credits: number, options?: RequestOptions): Promise<unknown> {
    return (await callEndpoint(this.caller, billingSetTelephonyCredits, { credits }, options)).response;
  }
}
