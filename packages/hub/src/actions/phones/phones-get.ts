import { phonesGet as phonesGetEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoPhone } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { onePhoneRef, onePhoneRefIssue, phoneRefInput, resolvePhoneRef } from './resolve-phone-ref.js';

/** Reads one phone. */
export const phonesGet = defineAction({
  id: 'phones.get',
  title: 'Get phone',
  description: 'Reads one phone by id or number, with its users.',
  api: 'admin',
  resource: 'phones',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...zodFromEndpointParams(phonesGetEndpoint), ...phoneRefInput }).refine(onePhoneRef, onePhoneRefIssue),
  output: duoPhone,
  run: async (ctx, input) => {
    const phone_id = await resolvePhoneRef(ctx.admin(), input);
    return (await ctx.admin().request('GET', `/admin/v1/phones/${seg(phone_id)}`)).response as never;
  },
});
