import type { Caller, RequestOptions } from '../client/duo-client.js';
import { DuoConfigError } from '../errors/error-classes.js';
import { paginated, type Page, type Paginated } from '../pagination/paginated.js';
import { optionalInteger, pickParams, requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import { pathSegment } from '../resources/path-segment.js';
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

const USER_FIELDS = {
  username: 'string',
  realname: 'string',
  email: 'string',
  status: 'string',
  notes: 'string',
  firstname: 'string',
  lastname: 'string',
  alias1: 'string',
  alias2: 'string',
  alias3: 'string',
  alias4: 'string',
  aliases: 'string',
  enable_auto_prompt: 'boolean',
} as const;

/** Users page at most 300 per request. */
export const USERS_MAX_PAGE = 300;
const ID_LIST_MAX = 100;

/** Admin API users: list, look up, create, modify, delete, enroll, directory sync. */
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
    return offsetList<DuoUser>(this.caller, '/admin/v1/users', { username, email }, listOptions, USERS_MAX_PAGE);
  }

  /** One user by id; DuoNotFoundError when unknown. */
  async get(userId: string, options?: RequestOptions): Promise<DuoUser> {
    const path = `/admin/v1/users/${pathSegment(userId, 'userId')}`;
    return (await this.caller.call<DuoUser>({ ...options, method: 'GET', path, idempotent: true, endpointClass: 'admin_get_one' })).response;
  }

  /** The user with this username or alias, or undefined. */
  async getByUsername(username: string, options?: RequestOptions): Promise<DuoUser | undefined> {
    requireString(username, 'username');
    const res = await this.caller.call<DuoUser[]>({
      ...options,
      method: 'GET',
      path: '/admin/v1/users',
      params: { username },
      idempotent: true,
      endpointClass: 'admin_get_one',
    });
    return res.response[0];
  }

  /** Users with this email address (usually zero or one). */
  async findByEmail(email: string, options?: RequestOptions): Promise<DuoUser[]> {
    requireString(email, 'email');
    const res = await this.caller.call<DuoUser[]>({
      ...options,
      method: 'GET',
      path: '/admin/v1/users',
      params: { email },
      idempotent: true,
      endpointClass: 'admin_get_one',
    });
    return res.response;
  }

  /** Creates a user. Not idempotent: never resent after an ambiguous failure. */
  async create(params: DuoUserParams & { username: string }, options?: RequestOptions): Promise<DuoUser> {
    requireObject(params, 'params');
    requireString(params.username, 'username');
    const body = pickParams(params, USER_FIELDS);
    return (
      await this.caller.call<DuoUser>({ ...options, method: 'POST', path: '/admin/v1/users', params: body, idempotent: false, endpointClass: 'admin_modify' })
    ).response;
  }

  /** Modifies a user; setting the same fields twice is harmless, so it is retried like a read. */
  async update(userId: string, params: DuoUserParams, options?: RequestOptions): Promise<DuoUser> {
    const path = `/admin/v1/users/${pathSegment(userId, 'userId')}`;
    const body = pickParams(requireObject(params, 'params'), USER_FIELDS);
    return (await this.caller.call<DuoUser>({ ...options, method: 'POST', path, params: body, idempotent: true, endpointClass: 'admin_modify' })).response;
  }

  /** Deletes a user permanently; succeeds when already gone. */
  async delete(userId: string, options?: RequestOptions): Promise<void> {
    const path = `/admin/v1/users/${pathSegment(userId, 'userId')}`;
    await this.caller.call({ ...options, method: 'DELETE', path, idempotent: true, endpointClass: 'admin_modify' });
  }

  /** Emails an enrollment link (creating the user). Not idempotent: each call sends an email. */
  async enroll(params: { username: string; email: string; valid_secs?: number }, options?: RequestOptions): Promise<unknown> {
    requireObject(params, 'params');
    requireString(params.username, 'username');
    requireString(params.email, 'email');
    optionalInteger(params.valid_secs, 'valid_secs', 1);
    const body = pickParams(params, { username: 'string', email: 'string', valid_secs: 'number' });
    return (await this.caller.call({ ...options, method: 'POST', path: '/admin/v1/users/enroll', params: body, idempotent: false, endpointClass: 'admin_modify' }))
      .response;
  }

  /** Syncs one user from a directory (AD, LDAP, Entra) by its username there; repeatable. */
  async syncFromDirectory(directoryKey: string, username: string, options?: RequestOptions): Promise<DuoUser> {
    const path = `/admin/v1/users/directorysync/${pathSegment(directoryKey, 'directoryKey')}/syncuser`;
    requireString(username, 'username');
    return (
      await this.caller.call<DuoUser>({ ...options, method: 'POST', path, params: { username }, idempotent: true, endpointClass: 'admin_modify' })
    ).response;
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
        const chunk = ids.slice(i, i + ID_LIST_MAX);
        const res = await caller.call<DuoUser[]>({
          method: 'GET',
          path: '/admin/v1/users',
          params: { [name]: JSON.stringify(chunk) },
          idempotent: true,
          endpointClass: 'admin_get_page',
          signal: options.signal,
        });
        const items = res.response.slice(0, remaining);
        remaining -= items.length;
        yield { items, ...(res.metadata ? { metadata: res.metadata } : {}) };
      }
    });
  }
}
