import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { authenticatorKey } from '../webauthn_credentials/authenticator-schemas.js';

/** Deletes one Duo Desktop authenticator. */
export const desktopAuthenticatorsDelete = defineAction({
  id: 'desktop_authenticators.delete',
  title: 'Delete desktop authenticator',
  description: 'Deletes one Duo Desktop authenticator (the computer must register again). A dry run reads it and deletes nothing.',
  api: 'admin',
  resource: 'desktop_authenticators',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ dakey: authenticatorKey('desktop authenticator') }),
  output: withDryRun(z.object({ deleted: z.literal(true), dakey: z.string() })),
  run: async (ctx, { dakey }) => {
    const authenticators = ctx.admin().desktopAuthenticators;
    if (ctx.dryRun) {
      const da = await authenticators.get(dakey, { signal: ctx.signal });
      return dryRun(da, `would delete desktop authenticator ${da.name ?? dakey} of ${da.user?.username ?? 'its owner'}`);
    }
    await authenticators.delete(dakey, { signal: ctx.signal });
    return { deleted: true as const, dakey };
  },
});
