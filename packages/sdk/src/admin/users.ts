import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { prepareEndpointCall } from '../endpoints/prepare-endpoint-call.js';
import { usersCreate, usersDelete, usersEnroll, usersGet, usersList, usersSyncFromDirectory, usersUpdate } from '../endpoints/users.js';
import { DuoConfigError } from '../errors/error-classes.js';
import { paginated, type Page, type Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import type { DuoUser, DuoUserParams } from './types.js';

/** Filters of `users.list`; Duo allows one at a time. The two id lists are chunked by 100. */
export interface UserListOptions extends ListOptions {
  /** Matches the username or any alias. */
  username?: string;
  email?: string;
  /** Up to any number of user ids; sent 100 per request as Duo's JSON-string `user_id_list`. */
  user_id_list?: string[];
  /** As `user_id_list`, for usernames. */
  username_list?: string[];
}

/** Users page at most 300 per request (the declaration's maximum). */
export const USERS_MAX_PAGE = usersList.paging.maxLimit;
const ID_LIST_MAX = 100;

/**
 * Admin API users: thin typed wrappers over the declarations in `endpoints/users.ts`, adding what
 * is not shape: one-filter-at-a-time, id-list chunking, positional ids.
 */
export class UsersResource {
  constructor(private readonly caller: Caller) {}

  /** Lists users lazily, 300 per page by default; one filter at a time. */
  list(options: UserListOptions = {}): Paginated<DuoUser> {
    const { username, email, user_id_list, username_list, ...listOptions } = options;
    const filters = [
      ['username', username],
      ['email', email],
      ['user_id_list', user_id_list],
      ['username_list', username_list],
    ].filter(([, v]) => v !== undefined);
    if (filters.length > 1) {
      throw new DuoConfigError(String(filters[1]![0]), 'users.list accepts one filter at a time: username, email, user_id_list or username_list');
    }
    if (user_id_list !== undefined) return this.byIdList('user_id_list', user_id_list, listOptions);
    if (username_list !== undefined) return this.byIdList('username_list', username_list, listOptions);
    if (username !== undefined) requireString(username, 'username');
    if (email !== undefined) requireString(email, 'email');
    // Checked now, not at the first page, so a bad filter fails where the list is built.
    prepareEndpointCall(usersList, { username, email });
    return offsetList<DuoUser>(this.caller, usersList, { username, email }, listOptions);
  }

  /** One user by id; DuoNotFoundError when unknown. */
  async get(userId: string, options?: RequestOptions): Promise<DuoUser> {
    return (await callEndpoint(this.caller, usersGet, { user_id: requireString(userId, 'userId') }, options)).response as never;
  }

  /** The user with this username or alias, or undefined. */
  async getByUsername(username: string, options?: RequestOptions): Promise<DuoUser | undefined> {
    requireString(username, 'username');
    const res = await callEndpoint(this.caller, usersList, { username }, { endpointClass: 'admin_get_one', ...options });
    return res.response[0] as never;
  }

  /** Users with this email address (usually zero or one). */
  async findByEmail(email: string, options?: RequestOptions): Promise<DuoUser[]> {
    requireString(email, 'email');
    const res = await callEndpoint(this.caller, usersList, { email }, { endpointClass: 'admin_get_one', ...options });
    return res.response as never;
  }

  /** Creates a user. Not idempotent: never resent after an ambiguous failure. */
  async create(params: DuoUserParams & { username: string }, options?: RequestOptions): Promise<DuoUser> {
    return (await callEndpoint(this.caller, usersCreate, requireObject(params, 'params'), options)).response as never;
  }

  /** Modifies a user; setting the same fields twice is harmless, so it is retried like a read. */
  async update(userId: string, params: DuoUserParams, options?: RequestOptions): Promise<DuoUser> {
    const fields = requireObject(params, 'params');
    if ('user_id' in fields) throw new DuoConfigError('user_id', 'user_id is not a known parameter here (pass the id as userId)');
    return (await callEndpoint(this.caller, usersUpdate, { ...fields, user_id: requireString(userId, 'userId') }, options)).response as never;
  }

  /** Deletes a user permanently; succeeds when already gone. */
  async delete(userId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, usersDelete, { user_id: requireString(userId, 'userId') }, options);
  }

  /** Emails an enrollment link (creating the user). Not idempotent: each call sends an email. */
  async enroll(params: { username: string; email: string; valid_secs?: number }, options?: RequestOptions): Promise<unknown> {
    return (await callEndpoint(this.caller, usersEnroll, requireObject(params, 'params'), options)).response;
  }

  /** Syncs one user from a directory (AD, LDAP, Entra) by its username there; repeatable. */
  async syncFromDirectory(directoryKey: string, username: string, options?: RequestOptions): Promise<DuoUser> {
    const directory_key = requireString(directoryKey, 'directoryKey');
    return (await callEndpoint(this.caller, usersSyncFromDirectory, { directory_key, username }, options)).response as never;
  }

  // Duo takes at most 100 ids per request, as a JSON array in one string parameter; not paged.
  private byIdList(name: 'user_id_list' | 'username_list', ids: string[], options: ListOptions): Paginated<DuoUser> {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '')) {
      throw new DuoConfigError(name, `${name} must be an array of non-empty strings`);
    }
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const caller = this.caller;
    return paginated(async function* (): AsyncGenerator<Page<DuoUser>> {
      let remaining = limit;
      for (let i = 0; i < ids.length && remaining > 0; i += ID_LIST_MAX) {
        const chunk = JSON.stringify(ids.slice(i, i + ID_LIST_MAX));
        const res = await callEndpoint(caller, usersList, { [name]: chunk }, { signal: options.signal });
        const items = (res.response as DuoUser[]).slice(0, remaining);
        remaining -= items.length;
        yield { items, ...(res.metadata ? { metadata: res.metadata } : {}) };
      }
    });
  }
}
