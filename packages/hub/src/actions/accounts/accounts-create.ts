import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoAccount } from '../schemas/common.js';

/** Creates a child account. */
export const accountsCreate = defineAction({
  id: 'accounts.create',
  title: 'Create child account',
  description: 'Creates a Duo child account under the parent (Accounts API).',
  api: 'accounts',
  resource: 'accounts',
  idempotent: false,
  input: z.strictObject({ name: z.string().min(1).max(256).describe('Name of the new child account') }),
  output: duoAccount,
  run: async (ctx, input) => (await ctx.accounts().request('POST', '/accounts/v1/account/create', input)).response as never,
});
