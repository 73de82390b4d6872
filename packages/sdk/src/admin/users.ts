import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { prepareEndpointCall } from '../endpoints/prepare-endpoint-call.js';
import { usersCreate, usersDelete, usersEnroll, usersGet, usersList, usersSyncFromDirectory, usersUpdate } from '../endpoints/users.js';
import { DuoConfigError } from '../errors/error-classes.js';
import { paginated, type Page, type Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import { isDuoId } from '../resources/is-duo-id.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import { resolveReference, type ReferenceFinder } from '../resources/resolve-reference.js';
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

/**
 * What names a user: one string that may be an id, a username, an alias or an email, or one of
 * those fields alone when the caller knows which it is.
 */
export type UserReference = string | { user_id: string } | { username: string } | { email: string };

/** Options of `users.resolve`: the input field named in errors (default: the reference's kind, or `user`). */
export interface ResolveOptions extends RequestOptions {
  field?: string;
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

  /**
   * The one user a reference names. An id-shaped string (`DU` + 18) is read by id; otherwise
   * Duo's `username` filter (usernames and aliases) and, for anything with an `@`, its `email`
   * filter are asked and their matches pooled. DuoReferenceError names the field when no user or
   * several match (several list their ids and usernames).
   */
  async resolve(reference: UserReference, options: ResolveOptions = {}): Promise<DuoUser> {
    const { field, ...request } = options;
    const [by, value] = userReferenceParts(reference);
    const byName: ReferenceFinder<DuoUser> = async (r) => {
      const found = await this.getByUsername(r, request);
      return found ? [found] : [];
    };
    const byEmail: ReferenceFinder<DuoUser> = (r) => this.findByEmail(r, request);
    const finders = by === 'user_id' ? [] : by === 'username' ? [byName] : by === 'email' ? [byEmail] : value.includes('@') ? [byName, byEmail] : [byName];
    return resolveReference<DuoUser>(
      {
        kind: 'user',
        field: field ?? (by === 'any' ? 'user' : by),
        idOf: (u) => u.user_id,
        describe: (u) => ({ user_id: u.user_id, username: u.username, ...(u.email ? { email: u.email } : {}) }),
        ...(by === 'any' || by === 'user_id'
          ? { byId: { matches: (r: string) => by === 'user_id' || isDuoId(r, 'DU'), get: (id: string) => this.get(id, request) } }
          : {}),
        finders,
      },
      value,
    );
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
  async enroll(params: { username: string; email: string; valid_secs?: number }, options?: RequestOptions): Promise<string> {
    return (await callEndpoint(this.caller, usersEnroll, requireObject(params, 'params'), options)).response as string;
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

// A string may be anything; an object names the one field to look in.
function userReferenceParts(reference: UserReference): ['any' | 'user_id' | 'username' | 'email', string] {
  if (typeof reference === 'string') return ['any', requireString(reference, 'user')];
  const entries = Object.entries(requireObject(reference, 'user'));
  const [entry] = entries;
  if (entries.length !== 1 || !entry || !['user_id', 'username', 'email'].includes(entry[0])) {
    throw new DuoConfigError('user', 'a user reference is a string or exactly one of { user_id }, { username }, { email }');
  }
  return [entry[0] as 'user_id' | 'username' | 'email', requireString(entry[1], entry[0])];
}
