import { desktopAuthenticatorsList as endpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput } from '../schemas/common.js';
import { duoDesktopAuthenticator } from '../webauthn_credentials/authenticator-schemas.js';

/** Lists the account's Duo Desktop authenticators, a page at a time. */
export const desktopAuthenticatorsList = defineAction({
  id: 'desktop_authenticators.list',
  title: 'List desktop authenticators',
  description: "Lists the account's Duo Desktop authenticators (one per computer and user) with their owners.",
  api: 'admin',
  resource: 'desktop_authenticators',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...pagingInput }),
  output: pageOf(duoDesktopAuthenticator),
  run: (ctx, input) => listPage(ctx.admin(), endpoint.path, {}, { ...input, pageSize: endpoint.paging.maxLimit }),
});
