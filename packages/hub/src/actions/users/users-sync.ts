import { usersSyncFromDirectory } from '@duohub/sdk';
import { z } from 'zod';
import { HubError } from '../../errors/hub-error.js';
import { defineAction } from '../define-action.js';
import { seg } from '../duo-caller.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { username } from './user-fields.js';

/** Synchronizes one user from the organization's directory. */
export const usersSync = defineAction({
  id: 'users.sync',
  title: 'Sync user from directory',
  description:
    "Synchronizes one user from the organization's directory (AD, LDAP, Entra) using its stored Duo directory key: creates, updates or marks the user for deletion.",
  api: 'admin',
  resource: 'users',
  endpoints: ['users.sync_from_directory'],
  idempotent: true,
  // The directory key is the organization's, never the caller's; the username is the directory's,
  // so it is not resolved as a Duo user reference (the user may not exist in Duo yet).
  input: z.strictObject({
    ...zodFromEndpointParams(usersSyncFromDirectory, { omit: ['directory_key'] }),
    username: username.describe('Username as the source directory holds it'),
  }),
  // Duo's answer to syncuser is not documented; it is passed through as sent.
  output: z.object({ synced: z.literal(true), username: z.string(), response: z.unknown() }),
  run: async (ctx, input) => {
    if (!ctx.directoryKey) {
      throw new HubError('conflict', { message: 'Directory sync needs an organization with a stored Duo directory key.' });
    }
    const key = ctx.directoryKey();
    const answer = await ctx
      .admin()
      .request('POST', `/admin/v1/users/directorysync/${seg(key)}/syncuser`, { username: input.username });
    return { synced: true as const, username: input.username, response: answer.response };
  },
});
