import { usersEnroll as usersEnrollEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { username } from './user-fields.js';

/** Emails a user an enrollment link. */
export const usersEnroll = defineAction({
  id: 'users.enroll',
  title: 'Enroll user by email',
  description: 'Creates the user if needed and emails them a Duo enrollment link valid for `valid_secs`.',
  api: 'admin',
  resource: 'users',
  idempotent: false,
  input: z.strictObject({
    ...zodFromEndpointParams(usersEnrollEndpoint),
    username,
    email: z.email().describe('Where the enrollment email goes'),
    // Duo documents the default (30 days) but no maximum; a year keeps a slip of the keyboard out.
    valid_secs: z.number().int().min(1).max(31_536_000).optional().describe('Link lifetime, seconds (Duo default 30 days)'),
  }),
  output: z.object({ enrolled: z.literal(true), username: z.string(), email: z.string() }),
  run: async (ctx, input) => {
    await ctx.admin().request('POST', '/admin/v1/users/enroll', input);
    return { enrolled: true as const, username: input.username, email: input.email };
  },
});
