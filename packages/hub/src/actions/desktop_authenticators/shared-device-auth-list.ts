import { sharedDeviceAuthList as endpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput } from '../schemas/common.js';
import { duoSharedDeviceAuth } from '../webauthn_credentials/authenticator-schemas.js';

/** Lists shared device authentication configurations. */
export const sharedDeviceAuthList = defineAction({
  id: 'shared_device_auth.list',
  title: 'List shared device configurations',
  description: 'Lists the shared device authentication configurations (which groups may sign in on which trusted shared computers).',
  api: 'admin',
  resource: 'shared_device_auth',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...pagingInput }),
  output: pageOf(duoSharedDeviceAuth),
  run: (ctx, input) => listPage(ctx.admin(), endpoint.path, {}, { ...input, pageSize: endpoint.paging.maxLimit }),
});
