import { phonesDelete as phonesDeleteEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { onePhoneRef, onePhoneRefIssue, phoneRefInput, resolvePhoneRef } from './resolve-phone-ref.js';

/** Deletes a phone. */
export const phonesDelete = defineAction({
  id: 'phones.delete',
  title: 'Delete phone',
  description: 'Deletes a phone (by id or number) and detaches it from its users. A dry run reads the phone and deletes nothing.',
  api: 'admin',
  resource: 'phones',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ ...zodFromEndpointParams(phonesDeleteEndpoint), ...phoneRefInput }).refine(onePhoneRef, onePhoneRefIssue),
  output: withDryRun(z.object({ deleted: z.literal(true), phone_id: z.string() })),
  run: async (ctx, input) => {
    const phone_id = await resolvePhoneRef(ctx.admin(), input);
    const path = `/admin/v1/phones/${seg(phone_id)}`;
    if (ctx.dryRun) {
      const phone = (await ctx.admin().request('GET', path)).response as { number?: string; users?: unknown[] };
      const users = Array.isArray(phone.users) ? phone.users.length : 0;
      return dryRun(phone, `would delete phone ${phone.number || phone_id} (used by ${users} user(s))`);
    }
    await ctx.admin().request('DELETE', path);
    return { deleted: true as const, phone_id };
  },
});
