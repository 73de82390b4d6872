import { HARDWARE_TOKEN_TYPES } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput } from '../schemas/common.js';
import { duoHardwareToken, withoutTokenSecrets } from './hardware-token-schema.js';

/** Lists hardware tokens a page at a time, or finds one by type and serial. */
export const hardwareTokensList = defineAction({
  id: 'hardware_tokens.list',
  title: 'List hardware tokens',
  description: 'Lists OTP hardware tokens with their users, up to `limit` per run; `type` with `serial` finds one token.',
  api: 'admin',
  resource: 'hardware_tokens',
  endpoints: ['tokens.list'],
  idempotent: true,
  readOnly: true,
  input: z
    .strictObject({
      ...pagingInput,
      type: z.enum(HARDWARE_TOKEN_TYPES).optional().describe('With serial: find one token'),
      serial: z.string().min(1).max(128).optional().describe('With type: find one token'),
    })
    .refine((v) => (v.type === undefined) === (v.serial === undefined), { message: 'give type and serial together', path: ['serial'] }),
  output: pageOf(duoHardwareToken),
  run: async (ctx, { limit, offset, ...filters }) => {
    const page = await listPage(ctx.admin(), '/admin/v1/tokens', filters, { limit, offset, pageSize: 500 });
    return { ...page, items: page.items.map((tk) => withoutTokenSecrets(tk as object)) as never[] };
  },
});
