import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { pagingInput } from '../schemas/common.js';
import { duoHardwareToken, withoutTokenSecrets } from './hardware-token-schema.js';

/** Lists one user's hardware tokens. */
export const hardwareTokensListForUser = defineAction({
  id: 'hardware_tokens.list_for_user',
  title: "List a user's hardware tokens",
  description: "Lists one user's hardware tokens (type, serial, TOTP step), naming the user by id, username, alias or email.",
  api: 'admin',
  resource: 'hardware_tokens',
  endpoints: ['users.tokens.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...userRefInput, ...pagingInput }).refine(oneUserRef, oneUserRefIssue),
  output: z.object({
    user_id: z.string(),
    items: z.array(duoHardwareToken),
    next_offset: z.number().int().optional(),
    total_objects: z.number().int().optional(),
  }),
  run: async (ctx, { limit, offset, ...ref }) => {
    const { user_id } = await resolveUserRef(ctx.admin(), ref);
    const page = await listPage(ctx.admin(), `/admin/v1/users/${seg(user_id)}/tokens`, {}, { limit, offset, pageSize: 500 });
    return { user_id, ...page, items: page.items.map((tk) => withoutTokenSecrets(tk as object)) as never[] };
  },
});
