import type { DuoGroupCreateParams } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoGroup, groupFields } from './group-schemas.js';
import { reconcileGroupCreate } from './reconcile-group-create.js';

/** Creates a group. */
export const groupsCreate = defineAction({
  id: 'groups.create',
  title: 'Create group',
  description: 'Creates a group with a name, an optional description and a status (active, bypass or disabled).',
  api: 'admin',
  resource: 'groups',
  idempotent: false,
  input: z.strictObject(groupFields),
  output: duoGroup,
  run: async (ctx, input) => (await ctx.admin().groups.create(input as DuoGroupCreateParams)) as never,
  reconcile: reconcileGroupCreate,
});
