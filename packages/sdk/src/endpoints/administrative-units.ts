import { defineEndpoint } from './define-endpoint.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi';
const UNIT_PATH = '/admin/v1/administrative_units/{admin_unit_id}';
// Duo documents no page sizes for this list; its other v1 lists (admins among them) page 100/500.
const page = offsetPaging(100, 500);
const adminUnitId = t.string({ minLength: 1, description: 'Id of the administrative unit' });
const adminId = t.string({ minLength: 1, description: 'Id of the administrator' });
const groupId = t.string({ minLength: 1, description: 'Id of the group' });
const integrationKey = t.string({ minLength: 1, description: 'Integration key of the application' });
const idList = (what: string) => t.array(t.string({ minLength: 1 }), { description: what });

/**
 * An administrative unit as Duo answers it (duo_client_python's docstring): its members are
 * listed by id, not as objects.
 */
export const adminUnitShape = t.object(
  {
    admin_unit_id: t.string(),
    name: t.string(),
    description: t.string(),
    restrict_by_groups: t.boolean({ description: 'Whether the unit limits its administrators to its groups' }),
    restrict_by_integrations: t.boolean({ description: 'Whether the unit limits its administrators to its applications' }),
    admins: t.array(t.string(), { description: 'admin_id of each administrator in the unit' }),
    groups: t.array(t.string(), { description: 'group_id of each group in the unit' }),
    integrations: t.array(t.string(), { description: 'integration_key of each application in the unit' }),
  },
  { required: ['admin_unit_id', 'name', 'description', 'restrict_by_groups', 'restrict_by_integrations', 'admins', 'groups', 'integrations'] },
);

/** What a unit is created or modified with (Duo's "Add/Modify Administrative Unit"). */
const unitFields = {
  restrict_by_groups: t.boolean({ description: 'Whether the unit specifies groups (default false)' }),
  restrict_by_integrations: t.boolean({ description: 'Whether the unit specifies applications (default false)' }),
  admins: idList('admin_id values; each administrator must have restricted_by_admin_units set'),
  groups: idList('group_id values'),
  integrations: idList('integration_key values'),
} as const;

/** `GET /admin/v1/administrative_units`: optionally only the units of one administrator, group or application. */
export const administrativeUnitsList = defineEndpoint({
  id: 'administrative_units.list',
  summary: 'List administrative units',
  method: 'GET',
  path: '/admin/v1/administrative_units',
  api: 'admin',
  grant: 'admins_read',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: {
    admin_id: t.string({ minLength: 1, description: 'Only units holding this administrator (at most one filter)' }),
    group_id: t.string({ minLength: 1, description: 'Only units holding this group (at most one filter)' }),
    integration_key: t.string({ minLength: 1, description: 'Only units holding this application (at most one filter)' }),
    limit: page.limit,
    offset: page.offset,
  },
  response: t.array(adminUnitShape),
  docs: `${DOCS}#retrieve-administrative-units`,
});

/** `GET /admin/v1/administrative_units/{admin_unit_id}`. */
export const administrativeUnitsGet = defineEndpoint({
  id: 'administrative_units.get',
  summary: 'Get one administrative unit',
  method: 'GET',
  path: UNIT_PATH,
  api: 'admin',
  grant: 'admins_read',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { admin_unit_id: adminUnitId },
  response: adminUnitShape,
  docs: `${DOCS}#retrieve-administrative-unit-details`,
});

/** `POST /admin/v1/administrative_units`: never resent after an ambiguous failure (a second unit would appear). */
export const administrativeUnitsCreate = defineEndpoint({
  id: 'administrative_units.create',
  summary: 'Create an administrative unit',
  method: 'POST',
  path: '/admin/v1/administrative_units',
  api: 'admin',
  grant: 'admins',
  pacing: 'admin_modify',
  idempotent: false,
  params: {
    name: required(t.string({ minLength: 1, description: 'Unique among the account\'s administrative units' })),
    description: required(t.string({ description: 'Description of the unit' })),
    ...unitFields,
  },
  response: adminUnitShape,
  docs: `${DOCS}#add-administrative-unit`,
});

/** `POST /admin/v1/administrative_units/{admin_unit_id}`: the same fields twice leave the same unit. */
export const administrativeUnitsUpdate = defineEndpoint({
  id: 'administrative_units.update',
  summary: 'Modify an administrative unit',
  method: 'POST',
  path: UNIT_PATH,
  api: 'admin',
  grant: 'admins',
  pacing: 'admin_modify',
  idempotent: true,
  params: {
    admin_unit_id: adminUnitId,
    name: t.string({ minLength: 1, description: 'New name, unique among the account\'s units' }),
    description: t.string({ description: 'New description' }),
    ...unitFields,
  },
  response: adminUnitShape,
  docs: `${DOCS}#modify-administrative-unit`,
});

/** `DELETE /admin/v1/administrative_units/{admin_unit_id}`: succeeds when already gone. */
export const administrativeUnitsDelete = defineEndpoint({
  id: 'administrative_units.delete',
  summary: 'Delete an administrative unit',
  method: 'DELETE',
  path: UNIT_PATH,
  api: 'admin',
  grant: 'admins',
  pacing: 'admin_modify',
  idempotent: true,
  params: { admin_unit_id: adminUnitId },
  response: emptyAnswer,
  docs: `${DOCS}#delete-administrative-unit`,
});

/** What every member assignment shares: Grant administrators, a write, idempotent, answered with "". */
const memberCall = { api: 'admin', grant: 'admins', pacing: 'admin_modify', idempotent: true, response: emptyAnswer } as const;

/** `POST .../{admin_unit_id}/admin/{admin_id}`: the administrator must have restricted_by_admin_units set. */
export const administrativeUnitsAddAdmin = defineEndpoint({
  ...memberCall,
  id: 'administrative_units.add_admin',
  summary: 'Add an administrator to an administrative unit',
  method: 'POST',
  path: `${UNIT_PATH}/admin/{admin_id}`,
  params: { admin_unit_id: adminUnitId, admin_id: adminId },
  docs: `${DOCS}#add-administrator-to-administrative-unit`,
});

/** `DELETE .../{admin_unit_id}/admin/{admin_id}`. */
export const administrativeUnitsRemoveAdmin = defineEndpoint({
  ...memberCall,
  id: 'administrative_units.remove_admin',
  summary: 'Remove an administrator from an administrative unit',
  method: 'DELETE',
  path: `${UNIT_PATH}/admin/{admin_id}`,
  params: { admin_unit_id: adminUnitId, admin_id: adminId },
  docs: `${DOCS}#remove-administrator-from-administrative-unit`,
});

/** `POST .../{admin_unit_id}/group/{group_id}`. */
export const administrativeUnitsAddGroup = defineEndpoint({
  ...memberCall,
  id: 'administrative_units.add_group',
  summary: 'Add a group to an administrative unit',
  method: 'POST',
  path: `${UNIT_PATH}/group/{group_id}`,
  params: { admin_unit_id: adminUnitId, group_id: groupId },
  docs: `${DOCS}#add-group-to-administrative-unit`,
});

/** `DELETE .../{admin_unit_id}/group/{group_id}`. */
export const administrativeUnitsRemoveGroup = defineEndpoint({
  ...memberCall,
  id: 'administrative_units.remove_group',
  summary: 'Remove a group from an administrative unit',
  method: 'DELETE',
  path: `${UNIT_PATH}/group/{group_id}`,
  params: { admin_unit_id: adminUnitId, group_id: groupId },
  docs: `${DOCS}#remove-group-from-administrative-unit`,
});

/** `POST .../{admin_unit_id}/integration/{integration_key}`. */
export const administrativeUnitsAddIntegration = defineEndpoint({
  ...memberCall,
  id: 'administrative_units.add_integration',
  summary: 'Add an application to an administrative unit',
  method: 'POST',
  path: `${UNIT_PATH}/integration/{integration_key}`,
  params: { admin_unit_id: adminUnitId, integration_key: integrationKey },
  docs: `${DOCS}#add-integration-to-administrative-unit`,
});

/** `DELETE .../{admin_unit_id}/integration/{integration_key}`. */
export const administrativeUnitsRemoveIntegration = defineEndpoint({
  ...memberCall,
  id: 'administrative_units.remove_integration',
  summary: 'Remove an application from an administrative unit',
  method: 'DELETE',
  path: `${UNIT_PATH}/integration/{integration_key}`,
  params: { admin_unit_id: adminUnitId, integration_key: integrationKey },
  docs: `${DOCS}#remove-integration-from-administrative-unit`,
});

/** Every administrative unit endpoint. */
export const administrativeUnitEndpoints = [
  administrativeUnitsList,
  administrativeUnitsGet,
  administrativeUnitsCreate,
  administrativeUnitsUpdate,
  administrativeUnitsDelete,
  administrativeUnitsAddAdmin,
  administrativeUnitsRemoveAdmin,
  administrativeUnitsAddGroup,
  administrativeUnitsRemoveGroup,
  administrativeUnitsAddIntegration,
  administrativeUnitsRemoveIntegration,
] as const;
