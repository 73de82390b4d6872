import { defineAction } from '../define-action.js';
import { rawAnswer, rawCallInput, withDryRun } from '../schemas/common.js';
import { rawCall } from './raw-call.js';

/** Any Auth API call, signed, with Duo's answer returned as sent. */
export const authCall = defineAction({
  id: 'auth.call',
  title: 'Auth API call',
  description: "Sends any signed Auth API request and returns Duo's answer as sent. Not retried on ambiguous failures.",
  api: 'auth',
  resource: 'auth',
  idempotent: false,
  destructive: true,
  input: rawCallInput('/auth/'),
  output: withDryRun(rawAnswer),
  run: (ctx, input) => rawCall(() => ctx.auth(), input, ctx.dryRun),
});
