import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoId } from '../schemas/common.js';

/** Texts a phone the Duo Mobile installation link. */
export const phonesSendSmsInstallation = defineAction({
  id: 'phones.send_sms_installation',
  title: 'Send installation by SMS',
  description: 'Texts the phone a link to install Duo Mobile.',
  api: 'admin',
  resource: 'phones',
  idempotent: false,
  input: z.strictObject({
    phone_id: duoId('phone'),
    installation_msg: z.string().max(600).includes('<insturl>', { message: 'must contain <insturl>' }).optional(),
  }),
  output: z.looseObject({ installation_msg: z.string().optional() }),
  run: async (ctx, { phone_id, ...rest }) =>
    (await ctx.admin().request('POST', `/admin/v1/phones/${seg(phone_id)}/send_sms_installation`, rest)).response as never,
});
