import { groupsList as groupsListEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput } from '../schemas/common.js';
import { duoGroup } from './group-schemas.js';

/** Lists groups a page at a time. */
export const groupsList = defineAction({
  id: 'groups.list',
  title: 'List groups',
  description: "Lists the Duo account's groups, up to `limit` per run; continue with `next_offset`.",
  api: 'admin',
  resource: 'groups',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ ...pagingInput }),
  output: pageOf(duoGroup),
  run: (ctx, input) =>
    listPage(ctx.admin(), groupsListEndpoint.path, {}, { ...input, pageSize: groupsListEndpoint.paging.maxLimit }),
});
