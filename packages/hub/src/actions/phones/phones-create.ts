import { phonesCreate as phonesCreateEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoPhone } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { phoneFields } from './phone-fields.js';

/** Creates a phone. */
export const phonesCreate = defineAction({
  id: 'phones.create',
  title: 'Create phone',
  description: 'Creates a phone (not yet assigned to a user; see phones.assign).',
  api: 'admin',
  resource: 'phones',
  idempotent: false,
  input: z.strictObject({ ...zodFromEndpointParams(phonesCreateEndpoint), ...phoneFields }),
  output: duoPhone,
  run: async (ctx, input) => (await ctx.admin().request('POST', '/admin/v1/phones', input)).response as never,
});
