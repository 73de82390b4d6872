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
} from '@duohub/sdk';
import { fail, failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalBool, optionalEnum, reject, requireString } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Params, type Route } from '../../route.js';
import { serializeGroup } from '../../serialize/serialize-user.js';
import { deleteGroup, groupMembers, groupNameTaken } from '../../state/group-memberships.js';
import { dropGroupFromAdminUnits } from '../../state/admin-unit-records.js';
import { dropGroupFromPassport } from '../../state/passport-config.js';
import { newId } from '../../state/ids.js';
import type { Account, Group, User } from '../../state/types.js';
import { userOr404 } from './user-fields.js';
import { dropGroupFromPolicies } from '../../policies/policy-assignments.js';

// Duo's one-to-many limit (API.md 3.2): a user belongs to at most 100 groups.
const GROUPS_PER_USER = 100;
const LEGACY_FLAGS = ['push_enabled', 'sms_enabled', 'voice_enabled', 'mobile_otp_enabled', 'u2f_enabled'] as const;
const STATUSES = ['active', 'bypass', 'disabled'] as const;

/** Admin API groups: list, create, get (v2 and legacy v1), members, modify, delete, and a user's groups. */
export const groupRoutes: Route[] = [
  defineRoute({
    endpoint: groupsList,
    handle(ctx) {
      const page = paginate(Object.values(ctx.account.groups), ctx.params, pageDefaults(groupsList, ctx.options.overMaxLimit));
      return ok(page.response.map(serializeGroup), page.metadata);
    },
  }),
  defineRoute({
    endpoint: groupsCreate,
    nonIdempotent: 'groups.create',
    handle(ctx) {
      const name = requireString(ctx.params, 'name');
      assertNameFree(ctx, name, undefined);
      let groupId = newId('DG', ctx.random);
      while (ctx.account.groups[groupId]) groupId = newId('DG', ctx.random);
      const group: Group = { group_id: groupId, name, desc: '', status: 'active' };
      applyGroupFields(group, ctx.params);
      ctx.account.groups[groupId] = group;
      ctx.recordExecution('groups.create', { group_id: groupId, name });
      return ok(serializeGroup(group));
    },
  }),
  defineRoute({
    endpoint: groupsGet,
    handle: (ctx) => ok(serializeGroup(groupOr404(ctx.account, ctx.path['group_id']))),
  }),
  defineRoute({
    endpoint: groupsGetV1,
    handle(ctx) {
      const group = groupOr404(ctx.account, ctx.path['group_id']);
      return ok({ ...serializeGroup(group), users: groupMembers(ctx.account, group.group_id).map(memberOf) });
    },
  }),
  defineRoute({
    endpoint: groupsUsersList,
    handle(ctx) {
      const group = groupOr404(ctx.account, ctx.path['group_id']);
      const members = groupMembers(ctx.account, group.group_id);
      const page = paginate(members, ctx.params, pageDefaults(groupsUsersList, ctx.options.overMaxLimit));
      return ok(page.response.map(memberOf), page.metadata);
    },
  }),
  defineRoute({
    endpoint: groupsUpdate,
    handle(ctx) {
      const group = groupOr404(ctx.account, ctx.path['group_id']);
      const name = ctx.params.get('name');
      if (name !== undefined) {
        if (name.trim() === '') reject(failures.invalidParam('name'));
        assertNameFree(ctx, name, group.group_id);
      }
      applyGroupFields(group, ctx.params);
      if (name !== undefined) group.name = name;
      return ok(serializeGroup(group));
    },
  }),
  defineRoute({
    endpoint: groupsDelete,
    handle(ctx) {
      // Deletes are idempotent in Duo: an unknown id is already gone.
      deleteGroup(ctx.account, ctx.path['group_id'] ?? '');
      dropGroupFromAdminUnits(ctx.account, ctx.path['group_id'] ?? '');
      dropGroupFromPassport(ctx.account, ctx.path['group_id'] ?? '');
      dropGroupFromPolicies(ctx.account, ctx.path['group_id'] ?? '');
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersGroupsList,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const groups = user.group_ids.map((id) => ctx.account.groups[id]).filter((g) => g !== undefined);
      const page = paginate(groups, ctx.params, pageDefaults(usersGroupsList, ctx.options.overMaxLimit));
      return ok(page.response.map(serializeGroup), page.metadata);
    },
  }),
  defineRoute({
    endpoint: usersGroupsAssociate,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const groupId = requireString(ctx.params, 'group_id');
      // An unknown group is a bad parameter, not a missing resource: the path named the user.
      if (!ctx.account.groups[groupId]) reject(failures.invalidParam('group_id'));
      if (user.group_ids.includes(groupId)) return ok('');
      if (user.group_ids.length >= GROUPS_PER_USER) reject(failures.objectLimit('A user may belong to at most 100 groups.'));
      user.group_ids.push(groupId);
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersGroupsDisassociate,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const groupId = ctx.path['group_id'] ?? '';
      user.group_ids = user.group_ids.filter((id) => id !== groupId);
      return ok('');
    },
  }),
];

/** A group by id, or 404/40401. */
export function groupOr404(account: Account, groupId: string | undefined): Group {
  const group = groupId === undefined ? undefined : account.groups[groupId];
  if (!group) reject(failures.notFound('group_id'));
  return group;
}

function memberOf(user: User): { user_id: string; username: string } {
  return { user_id: user.user_id, username: user.username };
}

function assertNameFree(ctx: HandlerContext, name: string, self: string | undefined): void {
  const policy = ctx.options.duplicateGroupNames;
  if (policy === 'allow' || !groupNameTaken(ctx.account, name, self)) return;
  reject(policy === 40003 ? fail(400, 40003, 'Duplicate resource', 'name') : failures.invalidParam('name'));
}

function applyGroupFields(group: Group, params: Params): void {
  const desc = params.get('desc');
  const status = optionalEnum(params, 'status', STATUSES);
  // Read so a malformed flag is still refused as Duo would; their values change nothing.
  for (const flag of LEGACY_FLAGS) optionalBool(params, flag);
  if (desc !== undefined) group.desc = desc;
  if (status !== undefined) group.status = status;
}
