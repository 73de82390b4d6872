import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoGroup } from './group-schemas.js';
import { groupRefInput, oneGroupRef, oneGroupRefIssue, resolveGroupRef } from './resolve-group-ref.js';

/** Reads one group by id or name. */
export const groupsGet = defineAction({
  id: 'groups.get',
  title: 'Get group',
  description: 'Reads one group, named by group_id or group_name (an ambiguous or unknown name is an error).',
  api: 'admin',
  resource: 'groups',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...groupRefInput }).refine(oneGroupRef, oneGroupRefIssue),
  output: duoGroup,
  run: (ctx, input) => resolveGroupRef(ctx.admin(), input) as never,
});
