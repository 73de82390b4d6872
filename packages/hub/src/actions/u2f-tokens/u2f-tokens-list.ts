import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoU2fToken } from '../hardware-tokens/hardware-token-schema.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput } from '../schemas/common.js';

/** Lists U2F registrations (Duo's deprecated endpoint, still served). */
export const u2fTokensList = defineAction({
  id: 'legacy_security_keys.list',
  title: 'List U2F tokens (deprecated)',
  description: "Lists U2F security key registrations with their users, up to `limit` per run. Duo deprecated U2F in favour of WebAuthn; the endpoint is still served.",
  api: 'admin',
  resource: 'legacy_security_keys',
  endpoints: ['u2ftokens.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject(pagingInput),
  output: pageOf(duoU2fToken),
  run: (ctx, { limit, offset }) => listPage(ctx.admin(), '/admin/v1/u2ftokens', {}, { limit, offset, pageSize: 500 }),
});
