import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { authenticatorKey, duoDesktopAuthenticator } from '../webauthn_credentials/authenticator-schemas.js';

/** Reads one Duo Desktop authenticator. */
export const desktopAuthenticatorsGet = defineAction({
  id: 'desktop_authenticators.get',
  title: 'Get desktop authenticator',
  description: 'Reads one Duo Desktop authenticator by its dakey, with its owner.',
  api: 'admin',
  resource: 'desktop_authenticators',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ dakey: authenticatorKey('desktop authenticator') }),
  output: duoDesktopAuthenticator,
  run: async (ctx, { dakey }) => (await ctx.admin().desktopAuthenticators.get(dakey, { signal: ctx.signal })) as never,
});
