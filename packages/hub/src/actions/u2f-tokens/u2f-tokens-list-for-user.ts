import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { duoU2fToken } from '../hardware-tokens/hardware-token-schema.js';
import { listPage } from '../list-page.js';
import { pagingInput } from '../schemas/common.js';

/** Lists one user's U2F registrations. */
export const u2fTokensListForUser = defineAction({
  id: 'legacy_security_keys.list_for_user',
  title: "List a user's U2F tokens (deprecated)",
  description: "Lists one user's U2F registrations, naming the user by id, username, alias or email.",
  api: 'admin',
  resource: 'legacy_security_keys',
  endpoints: ['users.u2ftokens.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...userRefInput, ...pagingInput }).refine(oneUserRef, oneUserRefIssue),
  output: z.object({ user_id: z.string(), items: z.array(duoU2fToken), next_offset: z.number().int().optional(), total_objects: z.number().int().optional() }),
  run: async (ctx, { limit, offset, ...ref }) => {
    const { user_id } = await resolveUserRef(ctx.admin(), ref);
    return { user_id, ...(await listPage(ctx.admin(), `/admin/v1/users/${seg(user_id)}/u2ftokens`, {}, { limit, offset, pageSize: 500 })) };
  },
});
