import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoId, duoPhone } from '../schemas/common.js';

/** Reads one phone. */
export const phonesGet = defineAction({
  id: 'phones.get',
  title: 'Get phone',
  description: 'Reads one phone by id, with its users.',
  api: 'admin',
  resource: 'phones',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ phone_id: duoId('phone') }),
  output: duoPhone,
  run: async (ctx, { phone_id }) => (await ctx.admin().request('GET', `/admin/v1/phones/${seg(phone_id)}`)).response as never,
});
