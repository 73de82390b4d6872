import { authPing } from '@duohub/sdk';
import { ok } from '../../duo-result.js';
import { defineRoute } from '../../route.js';

/** `GET /auth/v2/ping`: Duo's liveness probe; answered without credentials, with the server time. */
export const pingRoute = defineRoute({
  endpoint: authPing,
  handle: (ctx) => ok({ time: Math.floor(ctx.now() / 1000) }),
});
