import { usersCreate as usersCreateEndpoint, type DuoParams } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoUser } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { reconcileUserCreate } from './reconcile-user-create.js';
import { userFields, username } from './user-fields.js';

/** Creates a user. */
export const usersCreate = defineAction({
  id: 'users.create',
  title: 'Create user',
  description: 'Creates a Duo user; the username must be unique (aliases included).',
  api: 'admin',
  resource: 'users',
  idempotent: false,
  input: z.strictObject({ ...zodFromEndpointParams(usersCreateEndpoint), username, ...userFields }),
  output: duoUser,
  run: async (ctx, input) => (await ctx.admin().request('POST', '/admin/v1/users', input as DuoParams)).response as never,
  reconcile: reconcileUserCreate,
});
