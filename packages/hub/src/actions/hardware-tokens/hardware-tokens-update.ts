import { tokensGet, tokensUpdate as endpoint } from '@duohub/sdk';
import { diffFields, dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';

/** Changes a TOTP token's time step (Duo's python client calls this; Duo documents no other field). */
export const hardwareTokensUpdate = endpointAction(endpoint, {
  id: 'hardware_tokens.update',
  resource: 'hardware_tokens',
  title: 'Update hardware token',
  description: "Changes a TOTP hardware token's time step (totp_step, 30 or 60 seconds). A dry run shows the current value.",
  destructive: true,
  dryRun: dryRunByReading(
    tokensGet,
    (target) => `would update ${String(target['type'])} token ${String(target['serial'])}`,
    (target, input) => diffFields(target, input, ['totp_step']),
  ),
});
