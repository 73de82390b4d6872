import { defineEndpoint } from './define-endpoint.js';
import { emptyAnswer, userShape } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#users';
const page = offsetPaging(100, 300);

/** Fields a user is created or modified with (Duo's names); a blank alias clears it on modify. */
const userFields = {
  realname: t.string(),
  email: t.string(),
  notes: t.string(),
  firstname: t.string(),
  lastname: t.string(),
  alias1: t.string(),
  alias2: t.string(),
  alias3: t.string(),
  alias4: t.string(),
  aliases: t.string({ description: 'alias1=a&alias2=b (up to alias8); instead of alias1..alias4' }),
  enable_auto_prompt: t.boolean(),
} as const;

/** `GET /admin/v1/users`: a page of users, or the users named by one filter. */
export const usersList = defineEndpoint({
  id: 'users.list',
  summary: 'List users (filters: username, email, user_id_list, username_list; one at a time)',
  method: 'GET',
  path: '/admin/v1/users',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: {
    username: t.string({ description: 'Matches the username or any alias' }),
    email: t.string(),
    user_id_list: t.string({ description: 'JSON array of up to 100 user ids; not paged' }),
    username_list: t.string({ description: 'JSON array of up to 100 usernames; not paged' }),
    limit: page.limit,
    offset: page.offset,
  },
  response: t.array(userShape),
  docs: `${DOCS}-retrieve-users`,
});

/** `GET /admin/v1/users/{user_id}`. */
export const usersGet = defineEndpoint({
  id: 'users.get',
  summary: 'Get one user by id',
  method: 'GET',
  path: '/admin/v1/users/{user_id}',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { user_id: t.string({ minLength: 1 }) },
  response: userShape,
  docs: `${DOCS}-retrieve-user-by-id`,
});

/** `POST /admin/v1/users`: never resent after an ambiguous failure. */
export const usersCreate = defineEndpoint({
  id: 'users.create',
  summary: 'Create a user',
  method: 'POST',
  path: '/admin/v1/users',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: {
    username: required(t.string({ minLength: 1 })),
    status: t.enum(['active', 'bypass', 'disabled']),
    ...userFields,
  },
  response: userShape,
  docs: `${DOCS}-create-user`,
});

/** `POST /admin/v1/users/{user_id}`: the same fields set twice leave the same user, so it is retried. */
export const usersUpdate = defineEndpoint({
  id: 'users.update',
  summary: 'Modify a user',
  method: 'POST',
  path: '/admin/v1/users/{user_id}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: {
    user_id: t.string({ minLength: 1 }),
    username: t.string({ minLength: 1 }),
    status: t.enum(['active', 'bypass', 'disabled', 'locked out']),
    ...userFields,
  },
  response: userShape,
  docs: `${DOCS}-modify-user`,
});

/** `DELETE /admin/v1/users/{user_id}`: permanent; succeeds when already gone. */
export const usersDelete = defineEndpoint({
  id: 'users.delete',
  summary: 'Delete a user',
  method: 'DELETE',
  path: '/admin/v1/users/{user_id}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { user_id: t.string({ minLength: 1 }) },
  response: emptyAnswer,
  docs: `${DOCS}-delete-user`,
});

/** `POST /admin/v1/users/enroll`: emails an enrollment link; each call sends one. */
export const usersEnroll = defineEndpoint({
  id: 'users.enroll',
  summary: 'Email a user an enrollment link (creating the user)',
  method: 'POST',
  path: '/admin/v1/users/enroll',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: {
    username: required(t.string({ minLength: 1 })),
    email: required(t.string({ minLength: 1 })),
    valid_secs: t.integer({ minimum: 1, description: 'Link lifetime (default 2592000, 30 days)' }),
  },
  response: t.string({ description: 'The enrollment code sent in the email' }),
  docs: `${DOCS}-enroll-user`,
});

/** `POST /admin/v1/users/directorysync/{directory_key}/syncuser`: repeatable. */
export const usersSyncFromDirectory = defineEndpoint({
  id: 'users.sync_from_directory',
  summary: 'Synchronize one user from a directory',
  method: 'POST',
  path: '/admin/v1/users/directorysync/{directory_key}/syncuser',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: {
    directory_key: t.string({ minLength: 1 }),
    username: required(t.string({ minLength: 1 })),
  },
  // Duo does not document the answer; the emulator answers the user.
  response: userShape,
  docs: `${DOCS}-synchronize-user-from-directory`,
});

/** Every users endpoint. */
export const userEndpoints = [usersList, usersGet, usersCreate, usersUpdate, usersDelete, usersEnroll, usersSyncFromDirectory] as const;
