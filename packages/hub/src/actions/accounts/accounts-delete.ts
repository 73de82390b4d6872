import { accountsDelete as accountsDeleteEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { HubError } from '../../errors/hub-error.js';
import { defineAction } from '../define-action.js';
import { dryRun, duoId, withDryRun } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Deletes a child account and everything in it. */
export const accountsDelete = defineAction({
  id: 'accounts.delete',
  title: 'Delete child account',
  description:
    'Deletes a Duo child account with all its users, phones and settings. A dry run finds the account and deletes nothing.',
  api: 'accounts',
  resource: 'accounts',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ ...zodFromEndpointParams(accountsDeleteEndpoint), account_id: duoId('account') }),
  output: withDryRun(z.object({ deleted: z.literal(true), account_id: z.string() })),
  run: async (ctx, { account_id }) => {
    if (ctx.dryRun) {
      const answer = await ctx.accounts().request('POST', '/accounts/v1/account/list');
      const list = (Array.isArray(answer.response) ? answer.response : []) as Array<{ account_id?: string; name?: string }>;
      const account = list.find((a) => a.account_id === account_id);
      if (!account) throw new HubError('not_found', { message: 'No child account has that id.' });
      return dryRun(account, `would delete child account ${account.name ?? account_id} and everything in it`);
    }
    await ctx.accounts().request('POST', '/accounts/v1/account/delete', { account_id });
    return { deleted: true as const, account_id };
  },
});
