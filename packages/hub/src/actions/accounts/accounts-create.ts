import { accountsCreate as accountsCreateEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { duoAccount } from '../schemas/common.js';

/** Creates a child account. */
export const accountsCreate = defineAction({
  id: 'accounts.create',
  title: 'Create child account',
  description: 'Creates a Duo child account under the parent (Accounts API).',
  api: 'accounts',
  resource: 'accounts',
  idempotent: false,
  // Duo documents no maximum length for a name; 256 is the hub's bound.
  input: z.strictObject({
    ...zodFromEndpointParams(accountsCreateEndpoint),
    name: z.string().min(1).max(256).describe('Name of the new child account'),
  }),
  output: duoAccount,
  run: async (ctx, input) => (await ctx.accounts().request('POST', '/accounts/v1/account/create', input)).response as never,
});
