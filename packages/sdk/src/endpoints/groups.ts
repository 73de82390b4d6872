import { defineEndpoint, type ParamSpec } from './define-endpoint.js';
import { endpointFamily } from './endpoint-family.js';
import { emptyAnswer, groupShape } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#groups';
// Duo's Postman collection and the python client's docstring: 100 by default, at most 500 (API.md 2.2).
const page = offsetPaging(100, 500);
/** Reads need "Grant read resource", writes "Grant write resource". */
const group = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource', page });
const groupId = t.string({ minLength: 1 });
const userId = t.string({ minLength: 1 });

// Duo keeps these flags on the wire for old clients (python's create_group/modify_group still send
// them as "1"/"0") but ignores them; group policy replaced them.
const legacyFlag = (what: string) =>
  ({ ...t.boolean({ description: `Legacy ${what} restriction; accepted and ignored` }), encoding: 'digit', deprecated: true }) as const satisfies ParamSpec;

/** Fields a group is created or modified with. */
const groupFields = {
  desc: t.string({ description: 'Description' }),
  status: t.enum(['active', 'bypass', 'disabled'], { description: 'Authentication status of the members (default active)' }),
  push_enabled: legacyFlag('push'),
  sms_enabled: legacyFlag('SMS'),
  voice_enabled: legacyFlag('voice'),
  mobile_otp_enabled: legacyFlag('mobile OTP'),
  u2f_enabled: legacyFlag('U2F'),
} as const;

/** A group member as `/admin/v2/groups/{group_id}/users` lists it. */
export const groupMemberShape = t.object({ user_id: t.string(), username: t.string() }, { required: ['user_id', 'username'] });

/** `GET /admin/v1/groups`. */
export const groupsList = group.list({
  id: 'groups.list',
  summary: 'List groups',
  path: '/admin/v1/groups',
  response: t.array(groupShape),
  docs: `${DOCS}-retrieve-groups`,
});

/** `POST /admin/v1/groups`: never resent after an ambiguous failure (a second group would appear). */
export const groupsCreate = group.write({
  id: 'groups.create',
  summary: 'Create a group',
  path: '/admin/v1/groups',
  idempotent: false,
  params: { name: required(t.string({ minLength: 1 })), ...groupFields },
  response: groupShape,
  docs: `${DOCS}-create-group`,
});

/** `GET /admin/v2/groups/{group_id}`: the group without its members. */
export const groupsGet = group.get({
  id: 'groups.get',
  summary: 'Get one group by id',
  path: '/admin/v2/groups/{group_id}',
  params: { group_id: groupId },
  response: groupShape,
  docs: `${DOCS}-get-group-info`,
});

/** `GET /admin/v1/groups/{group_id}`: the legacy form, still called by Duo's python client by default. */
export const groupsGetV1 = group.get({
  id: 'groups.get_v1',
  summary: 'Get one group by id with its members (legacy v1)',
  path: '/admin/v1/groups/{group_id}',
  params: { group_id: groupId },
  response: t.object({ ...groupShape.properties, users: t.array(groupMemberShape) }, { required: ['group_id', 'name'] }),
  deprecated: true,
  docs: `${DOCS}-get-group-info-v1`,
});

/** `GET /admin/v2/groups/{group_id}/users`: offset-paged like the v1 lists (metadata beside `response`). */
export const groupsUsersList = group.list({
  id: 'groups.users.list',
  summary: "List a group's members",
  path: '/admin/v2/groups/{group_id}/users',
  params: { group_id: groupId },
  response: t.array(groupMemberShape),
  docs: `${DOCS}-get-group-users`,
});

/** `POST /admin/v1/groups/{group_id}`: the same fields twice leave the same group. */
export const groupsUpdate = group.write({
  id: 'groups.update',
  summary: 'Modify a group',
  path: '/admin/v1/groups/{group_id}',
  idempotent: true,
  params: { group_id: groupId, name: t.string({ minLength: 1 }), ...groupFields },
  response: groupShape,
  docs: `${DOCS}-update-group`,
});

/** `DELETE /admin/v1/groups/{group_id}`: removes every membership too; succeeds when already gone. */
export const groupsDelete = group.remove({
  id: 'groups.delete',
  summary: 'Delete a group (its memberships go with it)',
  path: '/admin/v1/groups/{group_id}',
  params: { group_id: groupId },
  response: emptyAnswer,
  docs: `${DOCS}-delete-group`,
});

/** `GET /admin/v1/users/{user_id}/groups`. */
export const usersGroupsList = group.list({
  id: 'users.groups.list',
  summary: "List a user's groups",
  path: '/admin/v1/users/{user_id}/groups',
  params: { user_id: userId },
  response: t.array(groupShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-groups-by-user-id',
});

/** `POST /admin/v1/users/{user_id}/groups`: adding a member twice changes nothing. */
export const usersGroupsAssociate = group.write({
  id: 'users.groups.associate',
  summary: 'Add a user to a group',
  path: '/admin/v1/users/{user_id}/groups',
  idempotent: true,
  params: { user_id: userId, group_id: required(t.string({ minLength: 1 })) },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#associate-group-with-user',
});

/** `DELETE /admin/v1/users/{user_id}/groups/{group_id}`: the group itself stays. */
export const usersGroupsDisassociate = group.remove({
  id: 'users.groups.disassociate',
  summary: 'Remove a user from a group',
  path: '/admin/v1/users/{user_id}/groups/{group_id}',
  params: { user_id: userId, group_id: groupId },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#disassociate-group-from-user',
});

/** Every groups endpoint, a user's groups included. */
export const groupEndpoints = [
  groupsList,
  groupsCreate,
  groupsGet,
  groupsGetV1,
  groupsUsersList,
  groupsUpdate,
  groupsDelete,
  usersGroupsList,
  usersGroupsAssociate,
  usersGroupsDisassociate,
] as const;
