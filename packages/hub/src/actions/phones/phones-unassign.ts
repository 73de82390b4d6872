import { usersPhonesDisassociate } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { HubError } from '../../errors/hub-error.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { onePhoneRef, onePhoneRefIssue, phoneRefInput, resolvePhoneRef } from './resolve-phone-ref.js';

/** Removes a phone from a user (the phone itself stays). */
export const phonesUnassign = defineAction({
  id: 'phones.unassign',
  title: 'Unassign phone from user',
  description:
    "Detaches a phone from a user; the phone itself is not deleted. A dry run checks the user's phones and changes nothing.",
  api: 'admin',
  resource: 'phones',
  endpoints: ['users.phones.disassociate'],
  idempotent: true,
  destructive: true,
  input: z
    .strictObject({ ...zodFromEndpointParams(usersPhonesDisassociate), ...userRefInput, ...phoneRefInput })
    .refine(oneUserRef, oneUserRefIssue)
    .refine(onePhoneRef, onePhoneRefIssue),
  output: withDryRun(z.object({ unassigned: z.literal(true), user_id: z.string(), phone_id: z.string() })),
  run: async (ctx, input) => {
    const { user_id } = await resolveUserRef(ctx.admin(), input);
    const phone_id = await resolvePhoneRef(ctx.admin(), input);
    if (ctx.dryRun) {
      const user = (await ctx.admin().request('GET', `/admin/v1/users/${seg(user_id)}`)).response as {
        username?: string;
        phones?: Array<{ phone_id?: string }>;
      };
      const phone = user.phones?.find((p) => p.phone_id === phone_id);
      if (!phone) {
        throw new HubError('not_found', { message: 'That phone is not assigned to that user.' });
      }
      return dryRun(phone, `would detach phone ${phone_id} from user ${user.username ?? user_id}`);
    }
    await ctx.admin().request('DELETE', `/admin/v1/users/${seg(user_id)}/phones/${seg(phone_id)}`);
    return { unassigned: true as const, user_id, phone_id };
  },
});
