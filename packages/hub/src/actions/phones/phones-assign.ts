import { usersPhonesAssociate } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { onePhoneRef, onePhoneRefIssue, phoneRefInput, resolvePhoneRef } from './resolve-phone-ref.js';

/** Assigns a phone to a user. */
export const phonesAssign = defineAction({
  id: 'phones.assign',
  title: 'Assign phone to user',
  description:
    'Associates an existing phone (by id or number) with a user (by id, username, alias or email); a phone may serve several users.',
  api: 'admin',
  resource: 'phones',
  endpoints: ['users.phones.associate'],
  idempotent: true,
  input: z
    .strictObject({ ...zodFromEndpointParams(usersPhonesAssociate), ...userRefInput, ...phoneRefInput })
    .refine(oneUserRef, oneUserRefIssue)
    .refine(onePhoneRef, onePhoneRefIssue),
  output: z.object({ assigned: z.literal(true), user_id: z.string(), phone_id: z.string() }),
  run: async (ctx, input) => {
    const { user_id } = await resolveUserRef(ctx.admin(), input);
    const phone_id = await resolvePhoneRef(ctx.admin(), input);
    await ctx.admin().request('POST', `/admin/v1/users/${seg(user_id)}/phones`, { phone_id }, { idempotent: true });
    return { assigned: true as const, user_id, phone_id };
  },
});
