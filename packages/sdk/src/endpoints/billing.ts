import { defineEndpoint } from './define-endpoint.js';
import { emptyAnswer } from './objects.js';
import { required } from './required.js';
import { t } from './shape.js';

// Child billing: Admin API paths, called only with a parent's Accounts API keys and account_id,
// so no Admin API grant applies.
const DOCS = 'https://duo.com/docs/accountsapi#child-account-billing';

/** `GET /admin/v1/billing/edition`. */
export const billingGetEdition = defineEndpoint({
  id: 'billing.get_edition',
  summary: "Get a child account's edition",
  method: 'GET',
  path: '/admin/v1/billing/edition',
  api: 'admin',
  pacing: 'admin_get_one',
  idempotent: true,
  params: {},
  response: t.object({ edition: t.string() }, { required: ['edition'] }),
  docs: DOCS,
});

/** `POST /admin/v1/billing/edition`: setting the same edition twice is harmless. */
export const billingSetEdition = defineEndpoint({
  id: 'billing.set_edition',
  summary: "Set a child account's edition",
  method: 'POST',
  path: '/admin/v1/billing/edition',
  api: 'admin',
  pacing: 'admin_modify',
  idempotent: true,
  params: { edition: required(t.enum(['ENTERPRISE', 'PLATFORM', 'BEYOND'], { description: 'Essentials, Advantage, Premier' })) },
  response: emptyAnswer,
  docs: DOCS,
});

/** `GET /admin/v1/billing/telephony_credits`. */
export const billingGetTelephonyCredits = defineEndpoint({
  id: 'billing.get_telephony_credits',
  summary: "Get a child account's telephony credits",
  method: 'GET',
  path: '/admin/v1/billing/telephony_credits',
  api: 'admin',
  pacing: 'admin_get_one',
  idempotent: true,
  params: {},
  response: t.object({ credits: t.integer() }, { required: ['credits'] }),
  docs: DOCS,
});

/** `POST /admin/v1/billing/telephony_credits`: sets a total (the difference comes from the parent), so repeatable. */
export const billingSetTelephonyCredits = defineEndpoint({
  id: 'billing.set_telephony_credits',
  summary: "Set a child account's telephony credit total",
  method: 'POST',
  path: '/admin/v1/billing/telephony_credits',
  api: 'admin',
  pacing: 'admin_modify',
  idempotent: true,
  params: { credits: required(t.integer({ minimum: 0 })) },
  response: emptyAnswer,
  docs: DOCS,
});

/** Every child-billing endpoint. */
export const billingEndpoints = [billingGetEdition, billingSetEdition, billingGetTelephonyCredits, billingSetTelephonyCredits] as const;
