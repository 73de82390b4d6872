import { authPing as authPingEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Checks that Duo's Auth API is reachable and measures clock skew. */
export const authPing = defineAction({
  id: 'auth.ping',
  title: 'Ping Auth API',
  description: "Checks that Duo's Auth API answers (unsigned) and reports Duo's time and the local clock's skew.",
  api: 'auth',
  resource: 'auth',
  idempotent: true,
  readOnly: true,
  input: z.strictObject(zodFromEndpointParams(authPingEndpoint)),
  output: z.looseObject({ time: z.number(), skew_sec: z.number().describe('Local clock minus Duo time, seconds') }),
  run: async (ctx) => {
    const answer = await ctx.auth().request('GET', '/auth/v2/ping');
    const body = (answer.response ?? {}) as Record<string, unknown>;
    const time = typeof body['time'] === 'number' ? body['time'] : NaN;
    return { ...body, time, skew_sec: Math.round(Date.now() / 1000 - time) };
  },
});
