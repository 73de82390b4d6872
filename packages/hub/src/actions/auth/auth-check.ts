import { authCheck as authCheckEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Verifies the Auth API credentials with a signed call. */
export const authCheck = defineAction({
  id: 'auth.check',
  title: 'Check Auth API credentials',
  description: "Verifies the integration's Auth API keys and signature with a signed, side-effect-free call.",
  api: 'auth',
  resource: 'auth',
  idempotent: true,
  readOnly: true,
  input: z.strictObject(zodFromEndpointParams(authCheckEndpoint)),
  output: z.looseObject({ time: z.number() }),
  run: async (ctx) => (await ctx.auth().request('GET', '/auth/v2/check')).response as never,
});
