import { phonesGet, phonesUpdate as endpoint } from '@duohub/sdk';
import { diffFields, dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';

/** Changes a phone's number, name, type, platform or delays. */
export const phonesUpdate = endpointAction(endpoint, {
  resource: 'phones',
  title: 'Update phone',
  description: "Changes a phone's number, extension, name, type, platform or call delays. A dry run shows each field that would change.",
  destructive: true,
  dryRun: dryRunByReading(
    phonesGet,
    (target) => `would update phone ${String(target['number'] || target['phone_id'])}`,
    (target, input) => diffFields(target, input, Object.keys(input).filter((k) => k !== 'phone_id')),
  ),
});
