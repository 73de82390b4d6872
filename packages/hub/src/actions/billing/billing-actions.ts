import { billingGetEdition, billingGetTelephonyCredits, billingSetEdition, billingSetTelephonyCredits } from '@duohub/sdk';
import { dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';

// Child billing is Duo's MSP surface: it answers only for a child account, signed with the parent's
// Accounts API keys, so these actions run for an organization mapped to a child.

/** The child account's Duo edition. */
export const billingGetEditionAction = endpointAction(billingGetEdition, {
  resource: 'billing',
  title: 'Get edition',
  description: "The organization's Duo edition (ENTERPRISE = Essentials, PLATFORM = Advantage, BEYOND = Premier).",
});

/** Changes the child account's edition: what the MSP is billed for. */
export const billingSetEditionAction = endpointAction(billingSetEdition, {
  resource: 'billing',
  title: 'Set edition',
  description: "Changes the organization's Duo edition, and so what its users get and what the MSP is billed. A dry run shows the current edition.",
  destructive: true,
  dryRun: dryRunByReading(billingGetEdition, (target, input) => `would change the edition from ${String(target['edition'])} to ${String(input['edition'])}`),
});

/** The child account's telephony credits. */
export const billingGetTelephonyCreditsAction = endpointAction(billingGetTelephonyCredits, {
  resource: 'billing',
  title: 'Get telephony credits',
  description: "The organization's telephony credit balance (SMS and phone calls draw on it).",
});

/** Sets the child account's credit total; the difference moves from or to the parent. */
export const billingSetTelephonyCreditsAction = endpointAction(billingSetTelephonyCredits, {
  resource: 'billing',
  title: 'Set telephony credits',
  description: "Sets the organization's telephony credit total; Duo moves the difference from or to the parent account. A dry run shows the current balance.",
  destructive: true,
  dryRun: dryRunByReading(billingGetTelephonyCredits, (target, input) => `would set telephony credits from ${String(target['credits'])} to ${String(input['credits'])}`),
});
