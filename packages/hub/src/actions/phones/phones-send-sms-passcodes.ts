import { phonesSendSmsPasscodes as phonesSendSmsPasscodesEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { onePhoneRef, onePhoneRefIssue, phoneRefInput, resolvePhoneRef } from './resolve-phone-ref.js';

/** Texts a phone a new batch of SMS passcodes. */
export const phonesSendSmsPasscodes = defineAction({
  id: 'phones.send_sms_passcodes',
  title: 'Send passcodes by SMS',
  description: 'Texts the phone a new batch of SMS passcodes (the passcodes never pass through the hub).',
  api: 'admin',
  resource: 'phones',
  idempotent: false,
  input: z.strictObject({ ...zodFromEndpointParams(phonesSendSmsPasscodesEndpoint), ...phoneRefInput }).refine(onePhoneRef, onePhoneRefIssue),
  output: z.object({ sent: z.literal(true), phone_id: z.string() }),
  run: async (ctx, input) => {
    const phone_id = await resolvePhoneRef(ctx.admin(), input);
    await ctx.admin().request('POST', `/admin/v1/phones/${seg(phone_id)}/send_sms_passcodes`);
    return { sent: true as const, phone_id };
  },
});
