import { usersBypassCodesCreate } from '@duohub/sdk';
import { z } from 'zod';
import { HubError } from '../../errors/hub-error.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { listPage } from '../list-page.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from './resolve-user-ref.js';

const customCode = z.string().regex(/^[A-Za-z0-9]{4,32}$/, 'must be 4-32 letters or digits');

/** Creates bypass codes for a user, returned once and stored nowhere. */
export const bypassCodesCreateForUser = defineAction({
  id: 'bypass_codes.create_for_user',
  title: 'Create bypass codes for user',
  description:
    "Creates `count` random codes or the given custom `codes` for a user. Without `preserve_existing` the user's existing codes are replaced. The codes are returned once, never stored, logged or audited. A dry run says what would be replaced.",
  api: 'admin',
  resource: 'bypass_codes',
  endpoints: ['users.bypass_codes.create'],
  idempotent: false,
  destructive: true,
  input: z
    .strictObject({
      ...zodFromEndpointParams(usersBypassCodesCreate),
      ...userRefInput,
      // The hub takes custom codes as a list (Duo's wire form is one comma-separated string) and
      // bounds them as Duo's Admin Panel does; Duo documents no maximum reuse count or lifetime, so
      // those bounds are the hub's.
      count: z.number().int().min(1).max(10).optional().describe('How many random codes (1-10; Duo default 10)'),
      codes: z.array(customCode).min(1).max(10).optional().describe('Custom codes instead of random ones'),
      reuse_count: z.number().int().min(0).max(10_000).optional().describe('Uses per code; 0 = unlimited (Duo default 1)'),
      valid_secs: z.number().int().min(0).max(31_536_000).optional().describe('Lifetime, seconds; 0 = never expires'),
      preserve_existing: z.boolean().optional().describe("Keep the user's existing codes (default: replace them)"),
    })
    .refine(oneUserRef, oneUserRefIssue)
    .refine((v) => !(v.count !== undefined && v.codes !== undefined), {
      message: 'give count or codes, not both',
      path: ['codes'],
    })
    .refine((v) => !v.codes || new Set(v.codes).size === v.codes.length, {
      message: 'codes must be distinct',
      path: ['codes'],
    }),
  output: withDryRun(
    z.object({
      user_id: z.string(),
      codes: z.array(z.string()).describe('The new codes; shown this once'),
      preserve_existing: z.boolean(),
    }),
  ),
  run: async (ctx, input) => {
    const { user_id: id, username, email, user: reference, codes, preserve_existing, ...rest } = input;
    const { user_id } = await resolveUserRef(ctx.admin(), { user_id: id, username, email, user: reference });
    if (ctx.dryRun) {
      const user = (await ctx.admin().request('GET', `/admin/v1/users/${seg(user_id)}`)).response as { username?: string };
      const existing = await listPage(ctx.admin(), `/admin/v1/users/${seg(user_id)}/bypass_codes`, {}, {
        limit: 100,
        offset: 0,
        pageSize: 500,
      });
      const adding = codes ? codes.length : (input.count ?? 10);
      const n = existing.items.length;
      if (preserve_existing && n + adding > 100) {
        throw new HubError('validation_failed', {
          message: `The user already has ${n} bypass codes; adding ${adding} would pass Duo's limit of 100.`,
        });
      }
      const changes = preserve_existing
        ? `would add ${adding} bypass code(s) to the ${n} that ${user.username ?? user_id} has`
        : `would replace ${n} existing bypass code(s) of ${user.username ?? user_id} with ${adding} new one(s)`;
      return dryRun({ user, existing_codes: n }, changes);
    }
    const answer = await ctx.admin().request('POST', `/admin/v1/users/${seg(user_id)}/bypass_codes`, {
      ...rest,
      ...(codes ? { codes: codes.join(',') } : {}),
      ...(preserve_existing !== undefined ? { preserve_existing } : {}),
    });
    if (!Array.isArray(answer.response)) {
      throw new HubError('duo_error', { message: 'Duo did not answer with a list of codes.' });
    }
    return { user_id, codes: answer.response.map(String), preserve_existing: preserve_existing ?? false };
  },
});
