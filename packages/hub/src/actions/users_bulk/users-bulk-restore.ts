import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { userIdList, visibleUsers } from './bulk-user-list.js';

/** Restores up to 100 users from Duo's Trash. */
export const usersBulkRestore = defineAction({
  id: 'users.bulk_restore',
  title: 'Restore users from the Trash',
  description:
    'Restores 1 to 100 trashed users by id, as they were. A dry run lists which ids would come back (ids already in user lists are left alone).',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ user_ids: userIdList }),
  output: withDryRun(z.object({ restored: z.array(z.string()) })),
  run: async (ctx, { user_ids }) => {
    const admin = ctx.admin();
    const ids = [...new Set(user_ids)];
    if (ctx.dryRun) {
      // Trashed users are invisible to reads, so the ones a read still finds need no restoring.
      const active = await visibleUsers(admin, ids);
      const back = ids.filter((id) => !active.has(id));
      return dryRun({ would_restore: back, already_active: [...active.keys()] }, `would restore ${back.length} user(s) from the Trash: ${back.join(', ') || 'none'}`);
    }
    await admin.usersBulk.restore(ids, { signal: ctx.signal });
    return { restored: ids };
  },
});
