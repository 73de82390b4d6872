import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, resolveUserRef, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';

const HOUR_MS = 3_600_000;

/** Recent authentication log entries of one user (v2 logs, newest first). */
export const usersRecentAuthLogs = defineAction({
  id: 'users.recent_auth_logs',
  title: "User's recent authentications",
  description:
    "Reads the newest authentication log entries of one user over the last `hours` (Duo's logs lag about two minutes).",
  api: 'admin',
  resource: 'users',
  idempotent: true,
  readOnly: true,
  // A hub composite over the v2 authentication log (a window in hours, one user), not one Duo
  // endpoint's parameters, so its input is the hub's own.
  input: z
    .strictObject({
      ...userRefInput,
      hours: z.number().int().min(1).max(24 * 180).default(24 * 7).describe('How far back to look, hours (max 180 days)'),
      limit: z.number().int().min(1).max(1000).default(50).describe('Most entries to return (1-1000)'),
    })
    .refine(oneUserRef, oneUserRefIssue),
  output: z.object({
    items: z.array(z.looseObject({ txid: z.string().optional(), timestamp: z.number().optional() })),
    mintime: z.number(),
    maxtime: z.number(),
    total_objects: z.unknown().optional(),
  }),
  run: async (ctx, input) => {
    const { user_id } = await resolveUserRef(ctx.admin(), input);
    const maxtime = Date.now();
    const mintime = maxtime - input.hours * HOUR_MS;
    const answer = await ctx.admin().request('GET', '/admin/v2/logs/authentication', {
      mintime,
      maxtime,
      limit: input.limit,
      sort: 'ts:desc',
      users: user_id,
    });
    const body = (answer.response ?? {}) as { authlogs?: unknown[]; metadata?: { total_objects?: unknown } };
    const out: { items: unknown[]; mintime: number; maxtime: number; total_objects?: unknown } = {
      items: Array.isArray(body.authlogs) ? body.authlogs : [],
      mintime,
      maxtime,
    };
    if (body.metadata?.total_objects !== undefined) out.total_objects = body.metadata.total_objects;
    return out as never;
  },
});
