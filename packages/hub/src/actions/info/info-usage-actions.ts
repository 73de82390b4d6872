import { infoTelephonyCreditsUsed, infoUserAuthenticationAttempts } from '@duohub/sdk';
import { endpointAction } from '../from-endpoint/endpoint-action.js';

/** Telephony credits used in a window. */
export const infoTelephonyCreditsUsedAction = endpointAction(infoTelephonyCreditsUsed, {
  resource: 'info',
  title: 'Telephony credits used',
  description: 'Telephony credits used between mintime and maxtime (the last 30 days by default): what SMS passcodes and phone calls cost.',
});

/** Users who authenticated in a window, by result. */
export const infoUserAuthenticationAttemptsAction = endpointAction(infoUserAuthenticationAttempts, {
  resource: 'info',
  title: 'User authentication attempts',
  description: 'How many distinct users authenticated between mintime and maxtime, by result (success, failure, fraud).',
});
