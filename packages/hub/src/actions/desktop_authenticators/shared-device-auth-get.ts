import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { authenticatorKey, duoSharedDeviceAuth } from '../webauthn_credentials/authenticator-schemas.js';

/** Reads one shared device authentication configuration. */
export const sharedDeviceAuthGet = defineAction({
  id: 'shared_device_auth.get',
  title: 'Get shared device configuration',
  description: 'Reads one shared device authentication configuration by its key.',
  api: 'admin',
  resource: 'shared_device_auth',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ shared_device_key: authenticatorKey('shared device configuration') }),
  output: duoSharedDeviceAuth,
  run: async (ctx, { shared_device_key }) => (await ctx.admin().sharedDeviceAuth.get(shared_device_key, { signal: ctx.signal })) as never,
});
