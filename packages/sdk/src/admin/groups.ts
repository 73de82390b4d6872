import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import {
  groupsCreate,
  groupsDelete,
  groupsGet,
  groupsGetV1,
  groupsList,
  groupsUpdate,
  groupsUsersList,
  usersGroupsAssociate,
  usersGroupsDisassociate,
  usersGroupsList,
} from '../endpoints/groups.js';
import type { ParamsOf } from '../endpoints/params-of.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import type { DuoGroup } from './types.js';

/** Groups page at most 500 per request (the declaration's maximum). */
export const GROUPS_MAX_PAGE = groupsList.paging.maxLimit;

/** Fields a group is created with (`name` required). */
export type DuoGroupCreateParams = ParamsOf<typeof groupsCreate>;

/** Fields a group is modified with (all optional). */
export type DuoGroupUpdateParams = Omit<ParamsOf<typeof groupsUpdate>, 'group_id'>;

/** A member as a group's member list shows it. */
export interface DuoGroupMember {
  user_id: string;
  username: string;
  [key: string]: unknown;
}

/** A group with its members, as the legacy v1 read answers. */
export interface DuoGroupWithMembers extends DuoGroup {
  users?: DuoGroupMember[];
}

/** Admin API groups and a user's group memberships: wrappers over `endpoints/groups.ts`. */
export class GroupsResource {
  constructor(private readonly caller: Caller) {}

  /** Lists groups lazily, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoGroup> {
    return offsetList<DuoGroup>(this.caller, groupsList, {}, options);
  }

  /** One group by id (v2: without members; see `listMembers`). */
  async get(groupId: string, options?: RequestOptions): Promise<DuoGroup> {
    return (await callEndpoint(this.caller, groupsGet, { group_id: id(groupId, 'groupId') }, options)).response as never;
  }

  /**
   * One group with its members through the legacy v1 read.
   * @deprecated Duo is retiring `/admin/v1/groups/{group_id}`; use `get` and `listMembers`.
   */
  async getV1(groupId: string, options?: RequestOptions): Promise<DuoGroupWithMembers> {
    return (await callEndpoint(this.caller, groupsGetV1, { group_id: id(groupId, 'groupId') }, options)).response as never;
  }

  /** A group's members (`user_id`, `username`), 500 per page by default. */
  listMembers(groupId: string, options: ListOptions = {}): Paginated<DuoGroupMember> {
    return offsetList<DuoGroupMember>(this.caller, groupsUsersList, { group_id: id(groupId, 'groupId') }, options);
  }

  /** Creates a group. Not idempotent: an ambiguous failure is not resent. */
  async create(params: DuoGroupCreateParams, options?: RequestOptions): Promise<DuoGroup> {
    return (await callEndpoint(this.caller, groupsCreate, requireObject(params, 'params'), options)).response as never;
  }

  /** Modifies a group (idempotent: same fields, same state). */
  async update(groupId: string, params: DuoGroupUpdateParams, options?: RequestOptions): Promise<DuoGroup> {
    const fields = { ...requireObject(params, 'params'), group_id: id(groupId, 'groupId') };
    return (await callEndpoint(this.caller, groupsUpdate, fields, options)).response as never;
  }

  /** Deletes a group and every membership in it; succeeds when already gone. */
  async delete(groupId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, groupsDelete, { group_id: id(groupId, 'groupId') }, options);
  }

  /** A user's groups, 500 per page by default. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoGroup> {
    return offsetList<DuoGroup>(this.caller, usersGroupsList, { user_id: id(userId, 'userId') }, options);
  }

  /** Adds a user to a group (idempotent). */
  async addUser(groupId: string, userId: string, options?: RequestOptions): Promise<void> {
    const fields = { user_id: id(userId, 'userId'), group_id: id(groupId, 'groupId') };
    await callEndpoint(this.caller, usersGroupsAssociate, fields, options);
  }

  /** Removes a user from a group without deleting either; succeeds when not a member. */
  async removeUser(groupId: string, userId: string, options?: RequestOptions): Promise<void> {
    const fields = { user_id: id(userId, 'userId'), group_id: id(groupId, 'groupId') };
    await callEndpoint(this.caller, usersGroupsDisassociate, fields, options);
  }
}

// Positional ids are named after the argument in errors, as callers wrote them.
function id(value: string, field: string): string {
  return requireString(value, field);
}
