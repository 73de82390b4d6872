import { logoDelete, logoGet, logoUpdate } from '@duohub/sdk';
import { fail, failures, ok } from '../../duo-result.js';
import { checkLogo } from '../../logo/check-logo.js';
import { reject } from '../../params/read-param.js';
import { defineRoute, type Route } from '../../route.js';

/**
 * Admin API logo (Grant settings). It is the same logo the Auth API's `/auth/v2/logo` serves
 * (`Account.logo_png_base64`), so a change here shows there at once.
 */
export const logoRoutes: Route[] = [
  defineRoute({
    endpoint: logoGet,
    handle(ctx) {
      const logo = ctx.account.logo_png_base64;
      if (!logo) {
        return ctx.options.missingLogoCode === 40401 ? failures.notFound('logo') : fail(400, 40002, 'Logo not found');
      }
      const bytes = Buffer.from(logo, 'base64');
      return {
        kind: 'raw',
        response: new Response(bytes, { status: 200, headers: { 'content-type': 'image/png', 'content-length': String(bytes.length) } }),
      };
    },
  }),
  defineRoute({
    endpoint: logoUpdate,
    handle(ctx) {
      // The declaration answers a missing `logo` (40001); the image itself is checked here.
      const checked = checkLogo(ctx.params.get('logo')!, { maxBytes: ctx.options.logoMaxBytes, maxPixels: ctx.options.logoMaxPixels });
      if (!checked.ok) reject(failures.invalidParam('logo'));
      ctx.account.logo_png_base64 = checked.png.toString('base64');
      return ok('');
    },
  }),
  defineRoute({
    endpoint: logoDelete,
    handle(ctx) {
      delete ctx.account.logo_png_base64;
      return ok('');
    },
  }),
];
