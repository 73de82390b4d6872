import { authAuthStatus } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Reads the state of an asynchronous authentication. */
export const authStatus = defineAction({
  id: 'auth.status',
  title: 'Authentication status',
  description: 'Reads the state of an authentication started with auth.send async: waiting, allow or deny.',
  api: 'auth',
  resource: 'auth',
  endpoints: ['auth.auth_status'],
  idempotent: true,
  readOnly: true,
  // Duo's txids are UUIDs; the hub's pattern keeps anything else from reaching the query string.
  input: z.strictObject({
    ...zodFromEndpointParams(authAuthStatus),
    txid: z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'must be a Duo transaction id'),
  }),
  output: z.looseObject({ result: z.string(), status: z.string().optional(), status_msg: z.string().optional() }),
  run: async (ctx, { txid }) => (await ctx.auth().request('GET', '/auth/v2/auth_status', { txid })).response as never,
});
