import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { authenticatorKey } from './authenticator-schemas.js';

/** Deletes one WebAuthn credential. */
export const webauthnCredentialsDelete = defineAction({
  id: 'webauthn_credentials.delete',
  title: 'Delete WebAuthn credential',
  description: 'Deletes one WebAuthn credential; its user must enroll it again. A dry run reads it and deletes nothing.',
  api: 'admin',
  resource: 'webauthn_credentials',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ webauthnkey: authenticatorKey('WebAuthn credential') }),
  output: withDryRun(z.object({ deleted: z.literal(true), webauthnkey: z.string() })),
  run: async (ctx, { webauthnkey }) => {
    const credentials = ctx.admin().webauthnCredentials;
    if (ctx.dryRun) {
      const credential = await credentials.get(webauthnkey, { signal: ctx.signal });
      return dryRun(credential, `would delete WebAuthn credential "${credential.credential_name}" of ${credential.user?.username ?? 'its owner'}`);
    }
    await credentials.delete(webauthnkey, { signal: ctx.signal });
    return { deleted: true as const, webauthnkey };
  },
});
