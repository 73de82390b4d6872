import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { authenticatorKey } from '../webauthn_credentials/authenticator-schemas.js';

/** Deletes a shared device authentication configuration. */
export const sharedDeviceAuthDelete = defineAction({
  id: 'shared_device_auth.delete',
  title: 'Delete shared device configuration',
  description: 'Deletes a shared device authentication configuration. A dry run reads it and deletes nothing.',
  api: 'admin',
  resource: 'shared_device_auth',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ shared_device_key: authenticatorKey('shared device configuration') }),
  output: withDryRun(z.object({ deleted: z.literal(true), shared_device_key: z.string() })),
  run: async (ctx, { shared_device_key }) => {
    const configs = ctx.admin().sharedDeviceAuth;
    if (ctx.dryRun) {
      const config = await configs.get(shared_device_key, { signal: ctx.signal });
      return dryRun(config, `would delete shared device configuration "${config.name}"`);
    }
    await configs.delete(shared_device_key, { signal: ctx.signal });
    return { deleted: true as const, shared_device_key };
  },
});
