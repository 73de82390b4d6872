import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { checkParamValue } from '../endpoints/check-param-value.js';
import { bulkUserShape, USERS_BULK_MAX, usersBulkCreate, usersBulkRestore, usersBulkSendToTrash } from '../endpoints/users-bulk.js';
import type { ValueOf } from '../endpoints/shape.js';
import { DuoConfigError } from '../errors/error-classes.js';
import type { DuoUser } from './types.js';

/** One user of a bulk create: `username` plus the single-create fields. */
export type DuoBulkUser = ValueOf<typeof bulkUserShape>;

/**
 * Admin API users in bulk: create up to 100 at once, move users to the Trash and restore them.
 * The lists travel as Duo's JSON-array string parameters; they are checked here so a bad batch
 * fails before anything is sent.
 */
export class UsersBulkResource {
  constructor(private readonly caller: Caller) {}

  /** Creates 1-100 users in one call. Not idempotent: never resent after an ambiguous failure. */
  async create(users: DuoBulkUser[], options?: RequestOptions): Promise<DuoUser[]> {
    checkList(users, 'users', (user, i) => checkParamValue(bulkUserShape, user, `users[${i}]`) ?? checkUserKeys(user, i));
    const res = await callEndpoint(this.caller, usersBulkCreate, { users: JSON.stringify(users) }, options);
    return res.response as never;
  }

  /** Moves 1-100 users to the Trash (restorable until Duo purges them); repeatable. */
  async sendToTrash(userIds: string[], options?: RequestOptions): Promise<void> {
    checkList(userIds, 'user_id_list', idProblem);
    await callEndpoint(this.caller, usersBulkSendToTrash, { user_id_list: JSON.stringify(userIds) }, options);
  }

  /** Restores 1-100 trashed users; repeatable. */
  async restore(userIds: string[], options?: RequestOptions): Promise<void> {
    checkList(userIds, 'user_id_list', idProblem);
    await callEndpoint(this.caller, usersBulkRestore, { user_id_list: JSON.stringify(userIds) }, options);
  }
}

function checkList<T>(list: T[], field: string, problem: (item: T, index: number) => string | undefined): void {
  if (!Array.isArray(list) || list.length === 0 || list.length > USERS_BULK_MAX) {
    throw new DuoConfigError(field, `${field} must hold 1 to ${USERS_BULK_MAX} items`);
  }
  list.forEach((item, i) => {
    const why = problem(item, i);
    if (why) throw new DuoConfigError(field, why);
  });
}

function idProblem(id: string, i: number): string | undefined {
  return typeof id === 'string' && id !== '' ? undefined : `user_id_list[${i}] must be a non-empty string`;
}

// The object shape admits extra keys (Duo adds fields); a batch item must not, or a typo is lost.
function checkUserKeys(user: DuoBulkUser, i: number): string | undefined {
  const unknown = Object.keys(user).find((k) => !(k in bulkUserShape.properties));
  return unknown === undefined ? undefined : `users[${i}].${unknown} is not a field of a bulk-created user`;
}
