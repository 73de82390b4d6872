import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { duoSharedDeviceAuth } from '../webauthn_credentials/authenticator-schemas.js';
import { sharedDeviceAuthFields } from './shared-device-auth-fields.js';

/** Creates a shared device authentication configuration. */
export const sharedDeviceAuthCreate = defineAction({
  id: 'shared_device_auth.create',
  title: 'Create shared device configuration',
  description:
    'Lets the users of the given groups authenticate with Duo Desktop on the shared computers of the given Trusted Endpoints integrations. A dry run checks the groups exist and creates nothing.',
  api: 'admin',
  resource: 'shared_device_auth',
  idempotent: false,
  input: z.strictObject(sharedDeviceAuthFields),
  output: withDryRun(duoSharedDeviceAuth),
  run: async (ctx, input) => {
    const admin = ctx.admin();
    if (ctx.dryRun) {
      // Reading each group proves it exists (a 404 names the bad one) without writing anything.
      const groups = await Promise.all(input.group_id_list.map((id) => admin.request('GET', `/admin/v1/groups/${encodeURIComponent(id)}`)));
      return dryRun(groups.map((g) => g.response), `would create shared device configuration "${input.name ?? '(Duo names it)'}" for ${groups.length} group(s)`);
    }
    return (await admin.sharedDeviceAuth.create(input, { signal: ctx.signal })) as never;
  },
});
