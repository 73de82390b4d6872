import { desktopTokensList as endpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput } from '../schemas/common.js';
import { duoDesktopToken } from '../webauthn_credentials/authenticator-schemas.js';

/** Lists legacy desktop tokens (deprecated by Duo), to find and clear what is left of them. */
export const desktopTokensList = defineAction({
  id: 'desktop_tokens.list',
  title: 'List desktop tokens (deprecated)',
  description: 'Lists legacy desktop tokens, which Duo replaced with Duo Desktop authenticators.',
  api: 'admin',
  resource: 'desktop_tokens',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...pagingInput }),
  output: pageOf(duoDesktopToken),
  run: (ctx, input) => listPage(ctx.admin(), endpoint.path, {}, { ...input, pageSize: endpoint.paging.maxLimit }),
});
