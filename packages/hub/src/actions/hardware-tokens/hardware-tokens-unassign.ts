import { z } from 'zod';
import { resolveUserRef } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { userAndTokenRef } from './hardware-tokens-assign.js';
import { resolveTokenRef } from './resolve-token-ref.js';

/** Removes a hardware token from a user; the token itself stays. */
export const hardwareTokensUnassign = defineAction({
  id: 'hardware_tokens.unassign',
  title: 'Unassign hardware token from user',
  description: 'Removes a hardware token from a user without deleting the token. A dry run reads the user\'s tokens and changes nothing.',
  api: 'admin',
  resource: 'hardware_tokens',
  endpoints: ['users.tokens.disassociate'],
  idempotent: true,
  destructive: true,
  input: userAndTokenRef,
  output: withDryRun(z.object({ unassigned: z.literal(true), user_id: z.string(), token_id: z.string() })),
  run: async (ctx, input) => {
    const admin = ctx.admin();
    const [{ user_id }, token_id] = await Promise.all([resolveUserRef(admin, input), resolveTokenRef(admin, input)]);
    if (ctx.dryRun) {
      const held = await admin.tokens.listForUser(user_id).toArray();
      const has = held.some((tk) => tk.token_id === token_id);
      return dryRun({ user_id, token_id, assigned: has }, has ? `would remove token ${token_id} from user ${user_id}` : `would change nothing: user ${user_id} does not hold token ${token_id}`);
    }
    await admin.tokens.disassociate(user_id, token_id, { signal: ctx.signal });
    return { unassigned: true as const, user_id, token_id };
  },
});
