import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoId } from '../schemas/common.js';

/** Creates a Duo Mobile activation URL for a phone. */
export const phonesActivationUrl = defineAction({
  id: 'phones.activation_url',
  title: 'Create activation URL',
  description:
    'Creates a Duo Mobile activation link (and barcode) for a smartphone; earlier links stop working. The link is returned once and never audited.',
  api: 'admin',
  resource: 'phones',
  idempotent: false,
  input: z.strictObject({
    phone_id: duoId('phone'),
    valid_secs: z.number().int().min(1).max(31_536_000).optional().describe('Lifetime, seconds (Duo default 86400)'),
    install: z.boolean().optional().describe('Also return an installation URL'),
  }),
  output: z.looseObject({
    activation_url: z.string(),
    activation_barcode: z.string().optional(),
    installation_url: z.string().optional(),
    valid_secs: z.number().optional(),
  }),
  run: async (ctx, { phone_id, install, valid_secs }) =>
    (
      await ctx.admin().request('POST', `/admin/v1/phones/${seg(phone_id)}/activation_url`, {
        valid_secs,
        install: install === undefined ? undefined : install ? '1' : '0',
      })
    ).response as never,
});
