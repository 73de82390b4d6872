import { phonesSendSmsActivation as phonesSendSmsActivationEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { onePhoneRef, onePhoneRefIssue, phoneRefInput, resolvePhoneRef } from './resolve-phone-ref.js';

/** Texts a phone its Duo Mobile activation link. */
export const phonesSendSmsActivation = defineAction({
  id: 'phones.send_sms_activation',
  title: 'Send activation by SMS',
  description: 'Texts the phone a Duo Mobile activation link (and an install link when `install`).',
  api: 'admin',
  resource: 'phones',
  idempotent: false,
  // Lengths and the one-year lifetime are the hub's bounds (Duo documents none); the declared
  // placeholder pattern allows an empty message, which would text no link, so the hub requires it.
  input: z
    .strictObject({
      ...zodFromEndpointParams(phonesSendSmsActivationEndpoint),
      ...phoneRefInput,
      valid_secs: z.number().int().min(1).max(31_536_000).optional(),
      install: z.boolean().optional().describe('Also text the Duo Mobile installation link'),
      installation_msg: z.string().max(600).includes('<insturl>', { message: 'must contain <insturl>' }).optional(),
      activation_msg: z.string().max(600).includes('<acturl>', { message: 'must contain <acturl>' }).optional(),
    })
    .refine(onePhoneRef, onePhoneRefIssue),
  output: z.looseObject({
    activation_msg: z.string().optional(),
    installation_msg: z.string().optional(),
    valid_secs: z.number().optional(),
  }),
  run: async (ctx, { phone_id: id, number, install, ...rest }) => {
    const phone_id = await resolvePhoneRef(ctx.admin(), { phone_id: id, number });
    const params = { ...rest, install: install === undefined ? undefined : install ? '1' : '0' };
    return (await ctx.admin().request('POST', `/admin/v1/phones/${seg(phone_id)}/send_sms_activation`, params)).response as never;
  },
});
