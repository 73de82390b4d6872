import { defineEndpoint } from './define-endpoint.js';
import { emptyAnswer, userShape } from './objects.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#users';

/** Most users one `bulk_create` takes, and most ids one trash or restore call names. */
export const USERS_BULK_MAX = 100;

/**
 * One user of a `bulk_create` batch, as Duo's clients serialize it into the `users` JSON array:
 * the single-user create fields, `username` required.
 */
export const bulkUserShape = t.object(
  {
    username: t.string({ minLength: 1 }),
    realname: t.string(),
    email: t.string(),
    status: t.enum(['active', 'bypass', 'disabled']),
    notes: t.string(),
    firstname: t.string(),
    lastname: t.string(),
  },
  { required: ['username'] },
);

// Duo's clients send id lists and batches as one JSON-array string parameter (as `users.list`
// takes `user_id_list`); the SDK methods take arrays and serialize them.
const idList = required(
  t.string({ minLength: 2, description: `JSON array of 1 to ${USERS_BULK_MAX} user ids` }),
);

/** `POST /admin/v1/users/bulk_create`: every user is created, or (on any bad one) none. */
export const usersBulkCreate = defineEndpoint({
  id: 'users.bulk_create',
  summary: `Create up to ${USERS_BULK_MAX} users in one call`,
  method: 'POST',
  path: '/admin/v1/users/bulk_create',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: {
    users: required(
      t.string({
        minLength: 2,
        description: `JSON array of 1 to ${USERS_BULK_MAX} users: {username*, realname, email, status, notes, firstname, lastname}`,
      }),
    ),
  },
  response: t.array(userShape),
  docs: `${DOCS}-create-users-in-bulk`,
});

/** `POST /admin/v1/users/bulk_send_to_trash`: trashed users can be restored until Duo purges them. */
export const usersBulkSendToTrash = defineEndpoint({
  id: 'users.bulk_send_to_trash',
  summary: `Move up to ${USERS_BULK_MAX} users to the Trash`,
  method: 'POST',
  path: '/admin/v1/users/bulk_send_to_trash',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { user_id_list: idList },
  response: emptyAnswer,
  docs: `${DOCS}-send-users-to-trash`,
});

/** `POST /admin/v1/users/bulk_restore`: brings trashed users back as they were. */
export const usersBulkRestore = defineEndpoint({
  id: 'users.bulk_restore',
  summary: `Restore up to ${USERS_BULK_MAX} users from the Trash`,
  method: 'POST',
  path: '/admin/v1/users/bulk_restore',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { user_id_list: idList },
  response: emptyAnswer,
  docs: `${DOCS}-restore-users-from-trash`,
});

/** The users bulk endpoints. */
export const usersBulkEndpoints = [usersBulkCreate, usersBulkSendToTrash, usersBulkRestore] as const;
