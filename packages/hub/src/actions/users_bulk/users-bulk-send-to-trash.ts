import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';
import { resolveUserIds, userReferenceList, visibleUsers } from './bulk-user-list.js';

/** Moves up to 100 users to Duo's Trash. */
export const usersBulkSendToTrash = defineAction({
  id: 'users.bulk_send_to_trash',
  title: 'Send users to the Trash',
  description:
    'Moves 1 to 100 users to the Trash: they vanish from user lists and can be restored until Duo deletes them for good. A dry run resolves the users and lists who would go.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  destructive: true,
  input: z.strictObject({ users: userReferenceList }),
  output: withDryRun(z.object({ trashed: z.array(z.string()) })),
  run: async (ctx, { users }) => {
    const admin = ctx.admin();
    const ids = await resolveUserIds(admin, users);
    if (ctx.dryRun) {
      const found = await visibleUsers(admin, ids);
      const going = ids.filter((id) => found.has(id));
      const names = going.map((id) => found.get(id)!.username);
      return dryRun([...found.values()], `would move ${going.length} user(s) to the Trash: ${names.join(', ') || 'none'}`);
    }
    await admin.usersBulk.sendToTrash(ids, { signal: ctx.signal });
    return { trashed: ids };
  },
});
