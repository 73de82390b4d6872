import { USERS_BULK_MAX } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, duoUser, withDryRun } from '../schemas/common.js';
import { userFields, username } from '../users/user-fields.js';

/** One user of a batch: Duo's bulk create takes the single-create fields without aliases. */
const bulkUser = z.strictObject({
  username,
  realname: userFields.realname,
  firstname: userFields.firstname,
  lastname: userFields.lastname,
  email: userFields.email,
  status: userFields.status,
  notes: userFields.notes,
});

/** Creates up to 100 users in one Duo call. */
export const usersBulkCreate = defineAction({
  id: 'users.bulk_create',
  title: 'Create users in bulk',
  description: `Creates 1 to ${USERS_BULK_MAX} users in one Duo call (all or none). A dry run looks the usernames up and lists which would be created and which are taken.`,
  api: 'admin',
  resource: 'users',
  idempotent: false,
  destructive: true,
  input: z.strictObject({
    users: z
      .array(bulkUser)
      .min(1)
      .max(USERS_BULK_MAX)
      .refine((list) => new Set(list.map((u) => u.username.toLowerCase())).size === list.length, 'usernames must be unique')
      .describe(`1 to ${USERS_BULK_MAX} users`),
  }),
  output: withDryRun(z.object({ created: z.array(duoUser) })),
  run: async (ctx, { users }) => {
    const admin = ctx.admin();
    if (ctx.dryRun) {
      const taken = await admin.users.list({ username_list: users.map((u) => u.username) }).toArray();
      const takenNames = new Set(taken.flatMap((u) => [u.username, ...Object.values(u.aliases ?? {})]).map((n) => String(n).toLowerCase()));
      const fresh = users.filter((u) => !takenNames.has(u.username.toLowerCase())).map((u) => u.username);
      const clash = users.filter((u) => takenNames.has(u.username.toLowerCase())).map((u) => u.username);
      const changes = clash.length
        ? `would refuse the batch: ${clash.join(', ')} already taken (Duo creates all or none)`
        : `would create ${fresh.length} user(s): ${fresh.join(', ')}`;
      return dryRun({ would_create: fresh, taken: clash }, changes);
    }
    return { created: (await admin.usersBulk.create(users, { signal: ctx.signal })) as never };
  },
});
