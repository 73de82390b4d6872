import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { authenticatorKey, duoWebAuthnCredential } from './authenticator-schemas.js';

/** Reads one WebAuthn credential. */
export const webauthnCredentialsGet = defineAction({
  id: 'webauthn_credentials.get',
  title: 'Get WebAuthn credential',
  description: 'Reads one WebAuthn credential by its webauthnkey, with its owner.',
  api: 'admin',
  resource: 'webauthn_credentials',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ webauthnkey: authenticatorKey('WebAuthn credential') }),
  output: duoWebAuthnCredential,
  run: async (ctx, { webauthnkey }) => (await ctx.admin().webauthnCredentials.get(webauthnkey, { signal: ctx.signal })) as never,
});
