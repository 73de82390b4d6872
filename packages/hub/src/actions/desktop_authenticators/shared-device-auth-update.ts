import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun, type DryRunOutput } from '../schemas/common.js';
import { authenticatorKey, duoSharedDeviceAuth } from '../webauthn_credentials/authenticator-schemas.js';
import { sharedDeviceAuthFields } from './shared-device-auth-fields.js';

const changeFields = {
  name: sharedDeviceAuthFields.name,
  active: sharedDeviceAuthFields.active,
  group_id_list: sharedDeviceAuthFields.group_id_list.optional(),
  trusted_endpoint_integration_id_list: sharedDeviceAuthFields.trusted_endpoint_integration_id_list.optional(),
};

/** Modifies a shared device authentication configuration; given lists replace the old ones. */
export const sharedDeviceAuthUpdate = defineAction({
  id: 'shared_device_auth.update',
  title: 'Modify shared device configuration',
  description:
    'Renames, turns on or off, or replaces the groups or integrations of a shared device configuration. A dry run shows the difference and changes nothing.',
  api: 'admin',
  resource: 'shared_device_auth',
  idempotent: true,
  destructive: true,
  input: z
    .strictObject({ shared_device_key: authenticatorKey('shared device configuration'), ...changeFields })
    .refine((v) => Object.keys(v).some((k) => k !== 'shared_device_key'), { message: 'give at least one change', path: ['shared_device_key'] }),
  output: withDryRun(duoSharedDeviceAuth),
  run: async (ctx, { shared_device_key, ...changes }) => {
    const configs = ctx.admin().sharedDeviceAuth;
    if (ctx.dryRun) {
      const current = (await configs.get(shared_device_key, { signal: ctx.signal })) as Record<string, unknown>;
      const diff: NonNullable<DryRunOutput['diff']> = {};
      for (const [field, to] of Object.entries(changes)) {
        if (JSON.stringify(current[field]) !== JSON.stringify(to)) diff[field] = { from: current[field], to };
      }
      return dryRun(current, `would change ${Object.keys(diff).join(', ') || 'nothing'} of ${shared_device_key}`, diff);
    }
    return (await configs.update(shared_device_key, changes, { signal: ctx.signal })) as never;
  },
});
