import { webauthnCredentialsList as endpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput } from '../schemas/common.js';
import { duoWebAuthnCredential } from './authenticator-schemas.js';

/** Lists the account's WebAuthn credentials, a page at a time. */
export const webauthnCredentialsList = defineAction({
  id: 'webauthn_credentials.list',
  title: 'List WebAuthn credentials',
  description: "Lists the account's WebAuthn credentials (security keys, Touch ID, Windows Hello) with their owners.",
  api: 'admin',
  resource: 'webauthn_credentials',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...pagingInput }),
  output: pageOf(duoWebAuthnCredential),
  run: (ctx, input) => listPage(ctx.admin(), endpoint.path, {}, { ...input, pageSize: endpoint.paging.maxLimit }),
});
