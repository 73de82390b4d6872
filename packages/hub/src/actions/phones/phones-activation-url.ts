import { phonesActivationUrl as phonesActivationUrlEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { onePhoneRef, onePhoneRefIssue, phoneRefInput, resolvePhoneRef } from './resolve-phone-ref.js';

/** Creates a Duo Mobile activation URL for a phone. */
export const phonesActivationUrl = defineAction({
  id: 'phones.activation_url',
  title: 'Create activation URL',
  description:
    'Creates a Duo Mobile activation link (and barcode) for a smartphone; earlier links stop working. The link is returned once and never audited.',
  api: 'admin',
  resource: 'phones',
  idempotent: false,
  input: z
    .strictObject({
      ...zodFromEndpointParams(phonesActivationUrlEndpoint),
      ...phoneRefInput,
      // Duo documents the default (a day) but no maximum; a year is the hub's bound.
      valid_secs: z.number().int().min(1).max(31_536_000).optional().describe('Lifetime, seconds (Duo default 86400)'),
      install: z.boolean().optional().describe('Also return an installation URL'),
    })
    .refine(onePhoneRef, onePhoneRefIssue),
  output: z.looseObject({
    activation_url: z.string(),
    activation_barcode: z.string().optional(),
    installation_url: z.string().optional(),
    valid_secs: z.number().optional(),
  }),
  run: async (ctx, { install, valid_secs, ...ref }) => {
    const phone_id = await resolvePhoneRef(ctx.admin(), ref);
    const params = { valid_secs, install: install === undefined ? undefined : install ? '1' : '0' };
    return (await ctx.admin().request('POST', `/admin/v1/phones/${seg(phone_id)}/activation_url`, params)).response as never;
  },
});
