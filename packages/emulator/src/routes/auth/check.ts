import { authCheck } from '@duohub/sdk';
import { ok } from '../../duo-result.js';
import { defineRoute } from '../../route.js';

/** `GET /auth/v2/check`: proves the keys and signature are good; answers the server time. */
export const checkRoute = defineRoute({
  endpoint: authCheck,
  handle: (ctx) => ok({ time: Math.floor(ctx.now() / 1000) }),
});
