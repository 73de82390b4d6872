import { defineAction } from '../define-action.js';
import { rawAnswer, rawCallInput, withDryRun } from '../schemas/common.js';
import { rawCall } from './raw-call.js';

/** Any Admin API call, signed, with Duo's answer returned as sent. */
export const adminCall = defineAction({
  id: 'admin.call',
  title: 'Admin API call',
  description:
    "Sends any signed Admin API request (on the organization's Duo account) and returns Duo's answer as sent. Not retried on ambiguous failures.",
  api: 'admin',
  resource: 'admin',
  idempotent: false,
  destructive: true,
  input: rawCallInput('/admin/'),
  output: withDryRun(rawAnswer),
  run: (ctx, input) => rawCall(() => ctx.admin(), input, ctx.dryRun),
});
