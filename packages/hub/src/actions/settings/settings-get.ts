import { settingsGet as settingsGetEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { duoSettings } from '../schemas/common.js';

/** Reads the account's settings. */
export const settingsGet = defineAction({
  id: 'settings.get',
  title: 'Get settings',
  description: "Reads the Duo account's global settings.",
  api: 'admin',
  resource: 'settings',
  idempotent: true,
  readOnly: true,
  input: z.strictObject(zodFromEndpointParams(settingsGetEndpoint)),
  output: duoSettings,
  run: async (ctx) => (await ctx.admin().request('GET', '/admin/v1/settings')).response as never,
});
