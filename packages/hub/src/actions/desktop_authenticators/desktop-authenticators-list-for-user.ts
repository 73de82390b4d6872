import { usersDesktopAuthenticatorsList as endpoint } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { pagingInput } from '../schemas/common.js';
import { duoDesktopAuthenticator } from '../webauthn_credentials/authenticator-schemas.js';

/** Lists one user's Duo Desktop authenticators, the user named by id, username, alias or email. */
export const desktopAuthenticatorsListForUser = defineAction({
  id: 'desktop_authenticators.list_for_user',
  title: "List a user's desktop authenticators",
  description: "Lists one user's Duo Desktop authenticators, naming the user by id or by name.",
  api: 'admin',
  resource: 'desktop_authenticators',
  endpoints: ['users.desktop_authenticators.list'],
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...userRefInput, ...pagingInput }).refine(oneUserRef, oneUserRefIssue),
  output: z.object({
    user_id: z.string(),
    items: z.array(duoDesktopAuthenticator),
    next_offset: z.number().int().optional(),
    total_objects: z.number().int().optional(),
  }),
  run: async (ctx, { limit, offset, ...ref }) => {
    const { user_id } = await resolveUserRef(ctx.admin(), ref);
    const path = endpoint.path.replace('{user_id}', seg(user_id));
    return { user_id, ...(await listPage(ctx.admin(), path, {}, { limit, offset, pageSize: endpoint.paging.maxLimit })) };
  },
});
