import { usersCreate, usersDelete, usersEnroll, usersGet, usersList, usersUpdate } from '@duohub/sdk';
import { putUser, removeUser, usersInOrder } from '../../state/user-index.js';
import { fail, failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalInt, reject, requireString } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Params, type Route } from '../../route.js';
import { serializeUser } from '../../serialize/serialize-user.js';
import { usersPageJson } from '../../serialize/user-json-cache.js';
import { newEnrollmentCode } from '../../state/ids.js';
import { newUser } from '../../state/new-user.js';
import { dropAuthenticatorTies } from '../../state/drop-authenticator-ties.js';
import type { Account, User } from '../../state/types.js';
import {
  applyAliases,
  applyUserFields,
  assertNamesFree,
  findUserByName,
  readAliasChanges,
  readStatus,
  userOr404,
} from './user-fields.js';

/** Admin API `/admin/v1/users*`: list (filters and lists), get, create, modify, delete, enroll. */
export const userRoutes: Route[] = [
  defineRoute({
    endpoint: usersList,
    handle: listUsers,
  }),
  defineRoute({
    endpoint: usersGet,
    handle: (ctx) => ok(serializeUser(ctx.account, userOr404(ctx.account, ctx.path['user_id']))),
  }),
  defineRoute({
    endpoint: usersCreate,
    nonIdempotent: 'users.create',
    handle: createUser,
  }),
  defineRoute({
    endpoint: usersUpdate,
    handle: modifyUser,
  }),
  defineRoute({
    endpoint: usersDelete,
    handle: (ctx) => {
      deleteUser(ctx.account, ctx.path['user_id'] ?? '');
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersEnroll,
    nonIdempotent: 'users.enroll',
    handle: enrollUser,
  }),
];

function listUsers(ctx: HandlerContext) {
  const { params, account } = ctx;
  const filters = ['username', 'email', 'user_id_list', 'username_list'].filter((f) => params.has(f));
  if (filters.length > 1) reject(failures.invalidParam(filters.join(', ')));
  const users = usersInOrder(account);
  const render = (list: User[]) => list.map((u) => serializeUser(account, u));
  const filter = filters[0];
  if (filter === 'user_id_list' || filter === 'username_list') {
    // Lists ignore limit/offset (API.md 2.2): every match comes back in one answer.
    const wanted = readJsonList(params, filter);
    const found =
      filter === 'user_id_list'
        ? wanted.map((id) => account.users[id]).filter((u) => u !== undefined)
        : wanted.map((name) => findUserByName(account, name)).filter((u) => u !== undefined);
    const unique = [...new Set(found)];
    return ok(render(unique), { total_objects: unique.length });
  }
  let matched = users;
  if (filter === 'username') {
    const user = findUserByName(account, params.get('username') ?? '');
    matched = user ? [user] : [];
  } else if (filter === 'email') {
    const email = (params.get('email') ?? '').toLowerCase();
    matched = users.filter((u) => u.email.toLowerCase() === email);
  }
  const page = paginate(matched, params, pageDefaults(usersList, ctx.options.overMaxLimit));
  if (ctx.options.cacheUserJson) {
    return { kind: 'ok_json' as const, responseJson: usersPageJson(ctx.state, account, page.response), metadata: page.metadata };
  }
  return ok(render(page.response), page.metadata);
}

// `user_id_list`/`username_list` arrive as one JSON-array string (python), or as repeated keys.
function readJsonList(params: Params, name: string): string[] {
  const values = params.getAll(name);
  let list: unknown = values;
  if (values.length === 1) {
    try {
      list = JSON.parse(values[0]!);
    } catch {
      reject(failures.invalidParam(name));
    }
  }
  if (!Array.isArray(list) || list.length === 0 || list.length > 100 || !list.every((v) => typeof v === 'string')) {
    reject(failures.invalidParam(name));
  }
  return list as string[];
}

function createUser(ctx: HandlerContext) {
  const { params, account } = ctx;
  const username = requireString(params, 'username');
  const aliases = applyAliases({}, readAliasChanges(params));
  assertNamesFree(
    account,
    [['username', username], ...Object.entries(aliases)],
    undefined,
    ctx.options.duplicateUsernameCode,
  );
  const user = newUser(account, username, ctx.random, ctx.now());
  user.status = readStatus(params, false) ?? 'active';
  user.aliases = aliases;
  applyUserFields(user, params);
  putUser(account, user);
  ctx.recordExecution('users.create', { user_id: user.user_id, username });
  return ok(serializeUser(account, user));
}

function modifyUser(ctx: HandlerContext) {
  const { params, account } = ctx;
  const user = userOr404(account, ctx.path['user_id']);
  const username = params.get('username');
  if (username !== undefined && username.trim() === '') reject(failures.invalidParam('username'));
  const aliases = applyAliases(user.aliases, readAliasChanges(params));
  const status = readStatus(params, true);
  const changedNames: Array<[string, string]> = Object.entries(aliases).filter(([k, v]) => user.aliases[k] !== v);
  if (username !== undefined && username !== user.username) changedNames.unshift(['username', username]);
  assertNamesFree(account, changedNames, user.user_id, ctx.options.duplicateUsernameCode);
  const nameSet = new Set([username ?? user.username, ...Object.values(aliases)].map((n) => n.toLowerCase()));
  if (nameSet.size !== 1 + Object.keys(aliases).length) reject(failures.invalidParam('aliases'));

  if (username !== undefined) user.username = username;
  user.aliases = aliases;
  applyUserFields(user, params);
  if (status !== undefined) {
    user.status = status;
    // Only the system locks users out on its own; an Admin API lock says who did it.
    user.lockout_reason = status === 'locked out' ? 'Admin API disabled' : null;
  }
  return ok(serializeUser(account, user));
}

/** Removes a user and its bypass codes; phones and tokens stay, as Duo leaves them. Unknown ids are fine. */
export function deleteUser(account: Account, userId: string): void {
  // A user in the Trash is deleted for good too: Admin API deletes are permanent.
  if (account.trash) delete account.trash[userId];
  const user = account.users[userId];
  if (!user) return;
  removeUser(account, userId);
  for (const phone of Object.values(account.phones)) phone.user_ids = phone.user_ids.filter((id) => id !== userId);
  for (const token of Object.values(account.tokens)) token.user_ids = token.user_ids.filter((id) => id !== userId);
  // A U2F registration is one user's key enrolment: it goes with the user.
  for (const [id, u2f] of Object.entries(account.u2ftokens ?? {})) if (u2f.user_id === userId) delete account.u2ftokens![id];
  for (const [id, code] of Object.entries(account.bypass_codes)) if (code.user_id === userId) delete account.bypass_codes[id];
  dropAuthenticatorTies(account, userId);
}

function enrollUser(ctx: HandlerContext) {
  const { params, account } = ctx;
  const username = requireString(params, 'username');
  const email = requireString(params, 'email');
  optionalInt(params, 'valid_secs', { min: 1 });
  if (!email.includes('@')) reject(failures.invalidParam('email'));
  const existing = findUserByName(account, username);
  if (existing && existing.username.toLowerCase() !== username.toLowerCase()) {
    reject(fail(400, 40002, 'Invalid request parameters', 'username'));
  }
  // Duo creates the user if needed and emails an enrollment link; the user stays unenrolled.
  if (!existing) {
    const user = newUser(account, username, ctx.random, ctx.now());
    user.email = email;
    putUser(account, user);
  }
  // Duo answers the code it put in the email, so a caller can deliver the link some other way.
  const code = newEnrollmentCode(ctx.random);
  ctx.recordExecution('users.enroll', { username, email, enrollment_code: code });
  return ok(code);
}
