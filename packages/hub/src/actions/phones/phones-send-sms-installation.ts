import { phonesSendSmsInstallation as phonesSendSmsInstallationEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { onePhoneRef, onePhoneRefIssue, phoneRefInput, resolvePhoneRef } from './resolve-phone-ref.js';

/** Texts a phone the Duo Mobile installation link. */
export const phonesSendSmsInstallation = defineAction({
  id: 'phones.send_sms_installation',
  title: 'Send installation by SMS',
  description: 'Texts the phone a link to install Duo Mobile.',
  api: 'admin',
  resource: 'phones',
  idempotent: false,
  // As send_sms_activation: the hub requires the placeholder and bounds the length.
  input: z
    .strictObject({
      ...zodFromEndpointParams(phonesSendSmsInstallationEndpoint),
      ...phoneRefInput,
      installation_msg: z.string().max(600).includes('<insturl>', { message: 'must contain <insturl>' }).optional(),
    })
    .refine(onePhoneRef, onePhoneRefIssue),
  output: z.looseObject({ installation_msg: z.string().optional() }),
  run: async (ctx, { phone_id: id, number, ...rest }) => {
    const phone_id = await resolvePhoneRef(ctx.admin(), { phone_id: id, number });
    return (await ctx.admin().request('POST', `/admin/v1/phones/${seg(phone_id)}/send_sms_installation`, rest)).response as never;
  },
});
