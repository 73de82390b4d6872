import { ok } from '../../duo-result.js';
import { defineRoute } from '../../route.js';

/** `GET /auth/v2/ping`: Duo's liveness probe; answered without credentials, with the server time. */
export const pingRoute = defineRoute({
  method: 'GET',
  pattern: '/auth/v2/ping',
  api: 'auth',
  endpointClass: 'auth',
  signed: false,
  handle: (ctx) => ok({ time: Math.floor(ctx.now() / 1000) }),
});
