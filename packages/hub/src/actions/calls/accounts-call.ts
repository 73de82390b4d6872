import { defineAction } from '../define-action.js';
import { rawAnswer, rawCallInput, withDryRun } from '../schemas/common.js';
import { rawCall } from './raw-call.js';

/** Any Accounts API call, signed, with Duo's answer returned as sent. */
export const accountsCall = defineAction({
  id: 'accounts.call',
  title: 'Accounts API call',
  description: "Sends any signed Accounts API request and returns Duo's answer as sent. Not retried on ambiguous failures.",
  api: 'accounts',
  resource: 'accounts',
  idempotent: false,
  destructive: true,
  input: rawCallInput('/accounts/'),
  output: withDryRun(rawAnswer),
  run: (ctx, input) => rawCall(() => ctx.accounts(), input, ctx.dryRun),
});
