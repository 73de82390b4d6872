import { authLogo } from '@duohub/sdk';
import { fail } from '../../duo-result.js';
import { defineRoute } from '../../route.js';

/** `GET /auth/v2/logo`: the account's logo as raw PNG bytes, or 400/40002 when none is configured. */
export const logoRoute = defineRoute({
  endpoint: authLogo,
  handle(ctx) {
    const logo = ctx.account.logo_png_base64;
    if (!logo) return fail(400, 40002, 'Logo not found');
    const bytes = Buffer.from(logo, 'base64');
    return {
      kind: 'raw',
      response: new Response(bytes, {
        status: 200,
        headers: { 'content-type': 'image/png', 'content-length': String(bytes.length) },
      }),
    };
  },
});
