import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoId } from '../schemas/common.js';

/** Texts a phone its Duo Mobile activation link. */
export const phonesSendSmsActivation = defineAction({
  id: 'phones.send_sms_activation',
  title: 'Send activation by SMS',
  description: 'Texts the phone a Duo Mobile activation link (and an install link when `install`).',
  api: 'admin',
  resource: 'phones',
  idempotent: false,
  input: z.strictObject({
    phone_id: duoId('phone'),
    valid_secs: z.number().int().min(1).max(31_536_000).optional(),
    install: z.boolean().optional().describe('Also text the Duo Mobile installation link'),
    installation_msg: z.string().max(600).includes('<insturl>', { message: 'must contain <insturl>' }).optional(),
    activation_msg: z.string().max(600).includes('<acturl>', { message: 'must contain <acturl>' }).optional(),
  }),
  output: z.looseObject({
    activation_msg: z.string().optional(),
    installation_msg: z.string().optional(),
    valid_secs: z.number().optional(),
  }),
  run: async (ctx, { phone_id, install, ...rest }) =>
    (
      await ctx.admin().request('POST', `/admin/v1/phones/${seg(phone_id)}/send_sms_activation`, {
        ...rest,
        install: install === undefined ? undefined : install ? '1' : '0',
      })
    ).response as never,
});
