import { USERS_BULK_MAX, usersBulkCreate, usersBulkRestore, usersBulkSendToTrash } from '@duohub/sdk';
import { fail, failures, ok } from '../../duo-result.js';
import { readIdList, readJsonList } from '../../params/read-json-list.js';
import { reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeUser } from '../../serialize/serialize-user.js';
import { newUser } from '../../state/new-user.js';
import { purgeTrash, restoreFromTrash, sendToTrash, trashOf } from '../../state/trash.js';
import type { User, UserStatus } from '../../state/types.js';
import { putUser } from '../../state/user-index.js';
import { assertNamesFree } from './user-fields.js';

const TEXT_FIELDS = ['realname', 'email', 'notes', 'firstname', 'lastname'] as const;
const STATUSES: readonly UserStatus[] = ['active', 'bypass', 'disabled'];

/** Admin API users in bulk: create up to 100, send to the Trash, restore from it. */
export const usersBulkRoutes: Route[] = [
  defineRoute({ endpoint: usersBulkCreate, nonIdempotent: 'users.bulk_create', handle: bulkCreate }),
  defineRoute({ endpoint: usersBulkSendToTrash, handle: bulkSendToTrash }),
  defineRoute({ endpoint: usersBulkRestore, handle: bulkRestore }),
];

/** One batch item checked: its username, status and text fields. */
interface BulkUserSpec {
  username: string;
  status: UserStatus;
  fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>>;
}

/** Reads one `users` item; anything but Duo's create fields, or a bad value, is 400/40002 `users`. */
export function readBulkUser(item: unknown): BulkUserSpec | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  const { username, status, ...rest } = record;
  if (typeof username !== 'string' || username.trim() === '') return undefined;
  const lowered = typeof status === 'string' ? status.trim().toLowerCase() : status;
  if (lowered !== undefined && !STATUSES.includes(lowered as UserStatus)) return undefined;
  const fields: BulkUserSpec['fields'] = {};
  for (const [key, value] of Object.entries(rest)) {
    if (!(TEXT_FIELDS as readonly string[]).includes(key) || typeof value !== 'string') return undefined;
    fields[key as (typeof TEXT_FIELDS)[number]] = value;
  }
  return { username, status: (lowered as UserStatus | undefined) ?? 'active', fields };
}

// All or nothing: every item and every name is checked before the first user is made, so a bad
// batch leaves the account as it was (Duo's partial-failure behaviour is not documented).
function bulkCreate(ctx: HandlerContext) {
  const { account } = ctx;
  const specs = readJsonList(ctx.params, 'users', USERS_BULK_MAX).map((item) => {
    const spec = readBulkUser(item);
    if (!spec) reject(failures.invalidParam('users'));
    return spec;
  });
  assertNamesFree(account, specs.map((s) => ['users', s.username]), undefined, ctx.options.duplicateUsernameCode);
  const created: User[] = specs.map((spec) => {
    const user = newUser(account, spec.username, ctx.random, ctx.now());
    user.status = spec.status;
    Object.assign(user, spec.fields);
    putUser(account, user);
    return user;
  });
  ctx.recordExecution('users.bulk_create', { user_ids: created.map((u) => u.user_id) });
  return ok(created.map((u) => serializeUser(account, u)));
}

// Ids already in the Trash or unknown are passed over, so a repeated call succeeds as a delete does.
function bulkSendToTrash(ctx: HandlerContext) {
  const { account } = ctx;
  purgeTrash(account, ctx.now(), ctx.options.trashRetentionDays);
  for (const id of readIdList(ctx.params, 'user_id_list', USERS_BULK_MAX)) sendToTrash(account, id, ctx.now());
  return ok('');
}

// Checked first, restored after: one user whose name was taken meanwhile refuses the whole call.
function bulkRestore(ctx: HandlerContext) {
  const { account } = ctx;
  purgeTrash(account, ctx.now(), ctx.options.trashRetentionDays);
  const ids = readIdList(ctx.params, 'user_id_list', USERS_BULK_MAX).filter((id) => trashOf(account)[id] !== undefined);
  const trash = trashOf(account);
  const entries = ids.map((id) => trash[id]!);
  for (const [i, entry] of entries.entries()) {
    const names = [entry.user.username, ...Object.values(entry.user.aliases)];
    const clash = [...Object.values(account.users), ...entries.slice(0, i).map((e) => e.user)].some((u) =>
      [u.username, ...Object.values(u.aliases)].some((n) => names.some((m) => m.toLowerCase() === n.toLowerCase())),
    );
    if (clash) {
      reject(
        ctx.options.duplicateUsernameCode === 40003
          ? fail(400, 40003, 'Duplicate resource', 'user_id_list')
          : failures.invalidParam('user_id_list'),
      );
    }
  }
  for (const id of ids) restoreFromTrash(account, id);
  return ok('');
}
