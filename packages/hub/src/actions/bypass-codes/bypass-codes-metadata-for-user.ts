import { usersBypassCodesList } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from './resolve-user-ref.js';

const codeMeta = z.object({
  bypass_code_id: z.string(),
  created: z.number().nullish(),
  expiration: z.number().nullish(),
  reuse_count: z.number().nullish(),
  admin_email: z.string().nullish(),
});

/** Summarizes a user's bypass codes: counts and per-code metadata, never a code. */
export const bypassCodesMetadataForUser = defineAction({
  id: 'bypass_codes.metadata_for_user',
  title: "Summarize a user's bypass codes",
  description:
    "Counts a user's bypass codes (never-expiring, unlimited-use) and lists their metadata without codes or user details: safe to share with a help desk.",
  api: 'admin',
  resource: 'bypass_codes',
  endpoints: ['users.bypass_codes.list'],
  idempotent: true,
  readOnly: true,
  input: z
    .strictObject({ ...zodFromEndpointParams(usersBypassCodesList, { omit: ['limit', 'offset'] }), ...userRefInput })
    .refine(oneUserRef, oneUserRefIssue),
  output: z.object({
    user_id: z.string(),
    count: z.number().int(),
    never_expiring: z.number().int(),
    unlimited_use: z.number().int(),
    next_expiration: z.number().nullable(),
    items: z.array(codeMeta),
  }),
  run: async (ctx, input) => {
    const { user_id } = await resolveUserRef(ctx.admin(), input);
    const page = await listPage(ctx.admin(), `/admin/v1/users/${seg(user_id)}/bypass_codes`, {}, {
      limit: 100,
      offset: 0,
      pageSize: usersBypassCodesList.paging.maxLimit,
    });
    // Pick fields explicitly, so nothing Duo might add (a code, the user) leaks through.
    const items = (page.items as Array<Record<string, unknown>>).map((m) => ({
      bypass_code_id: String(m['bypass_code_id']),
      created: num(m['created']),
      expiration: num(m['expiration']),
      reuse_count: num(m['reuse_count']),
      admin_email: typeof m['admin_email'] === 'string' ? m['admin_email'] : null,
    }));
    const expirations = items.map((i) => i.expiration).filter((e): e is number => e !== null);
    return {
      user_id,
      count: items.length,
      never_expiring: items.filter((i) => i.expiration === null).length,
      unlimited_use: items.filter((i) => i.reuse_count === null || i.reuse_count === 0).length,
      next_expiration: expirations.length ? Math.min(...expirations) : null,
      items,
    };
  },
});

function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
