import { accountsList as accountsListEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { duoAccount } from '../schemas/common.js';

/** Lists the parent's child accounts. */
export const accountsList = defineAction({
  id: 'accounts.list',
  title: 'List child accounts',
  description: 'Lists the Duo child accounts of the parent (Accounts API; Duo answers them all at once).',
  api: 'accounts',
  resource: 'accounts',
  idempotent: true,
  readOnly: true,
  input: z.strictObject(zodFromEndpointParams(accountsListEndpoint)),
  output: z.object({ items: z.array(duoAccount) }),
  run: async (ctx) => {
    const answer = await ctx.accounts().request('POST', '/accounts/v1/account/list');
    return { items: (Array.isArray(answer.response) ? answer.response : []) as never };
  },
});
