import type { Caller, RequestOptions } from '../client/duo-client.js';
import {
  administrativeUnitsAddAdmin,
  administrativeUnitsAddGroup,
  administrativeUnitsAddIntegration,
  administrativeUnitsCreate,
  administrativeUnitsDelete,
  administrativeUnitsGet,
  administrativeUnitsList,
  administrativeUnitsRemoveAdmin,
  administrativeUnitsRemoveGroup,
  administrativeUnitsRemoveIntegration,
  administrativeUnitsUpdate,
  type adminUnitShape,
} from '../endpoints/administrative-units.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import type { ParamsOf } from '../endpoints/params-of.js';
import type { ValueOf } from '../endpoints/shape.js';
import { DuoConfigError } from '../errors/error-classes.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';

/** An administrative unit: its administrators, groups and applications by id. */
export type DuoAdminUnit = ValueOf<typeof adminUnitShape>;

/** Fields a unit is created with (`name` and `description` required). */
export type DuoAdminUnitCreateParams = ParamsOf<typeof administrativeUnitsCreate>;

/** Fields a unit is modified with (all optional). */
export type DuoAdminUnitUpdateParams = Omit<ParamsOf<typeof administrativeUnitsUpdate>, 'admin_unit_id'>;

/** At most one filter of the unit list: the units holding one administrator, group or application. */
export type DuoAdminUnitFilter = { admin_id: string } | { group_id: string } | { integration_key: string } | Record<string, never>;

/** Which member kind an assignment is about. */
export type DuoAdminUnitMember = { admin_id: string } | { group_id: string } | { integration_key: string };

/** Admin API administrative units: wrappers over `endpoints/administrative-units.ts`. */
export class AdministrativeUnitsResource {
  constructor(private readonly caller: Caller) {}

  /** Lists units lazily (500 per page by default), optionally only those holding one administrator, group or application. */
  list(filter: DuoAdminUnitFilter = {}, options: ListOptions = {}): Paginated<DuoAdminUnit> {
    const given = Object.entries(requireObject(filter, 'filter')).filter(([, v]) => v !== undefined);
    // Duo takes at most one filter (duo_client_python's docstring); refuse before anything is signed.
    if (given.length > 1) throw new DuoConfigError(given[1]![0], 'give at most one of admin_id, group_id, integration_key');
    return offsetList<DuoAdminUnit>(this.caller, administrativeUnitsList, Object.fromEntries(given), options);
  }

  /** One unit by id. */
  async get(adminUnitId: string, options?: RequestOptions): Promise<DuoAdminUnit> {
    const admin_unit_id = requireString(adminUnitId, 'adminUnitId');
    return (await callEndpoint(this.caller, administrativeUnitsGet, { admin_unit_id }, options)).response;
  }

  /** Creates a unit; never resent after an ambiguous failure. */
  async create(params: DuoAdminUnitCreateParams, options?: RequestOptions): Promise<DuoAdminUnit> {
    return (await callEndpoint(this.caller, administrativeUnitsCreate, requireObject(params, 'params'), options)).response;
  }

  /** Modifies a unit; given lists add members (see the emulator's `adminUnitListsOnModify`). */
  async update(adminUnitId: string, changes: DuoAdminUnitUpdateParams, options?: RequestOptions): Promise<DuoAdminUnit> {
    const admin_unit_id = requireString(adminUnitId, 'adminUnitId');
    const fields = { ...requireObject(changes, 'changes'), admin_unit_id };
    return (await callEndpoint(this.caller, administrativeUnitsUpdate, fields, options)).response;
  }

  /** Deletes a unit; succeeds when already gone. Its administrators stay, restricted to no unit. */
  async delete(adminUnitId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, administrativeUnitsDelete, { admin_unit_id: requireString(adminUnitId, 'adminUnitId') }, options);
  }

  /** Assigns an administrator (restricted by units), a group or an application to a unit. */
  async add(adminUnitId: string, member: DuoAdminUnitMember, options?: RequestOptions): Promise<void> {
    const admin_unit_id = requireString(adminUnitId, 'adminUnitId');
    const m = memberOf(member);
    if (m.kind === 'admin_id') await callEndpoint(this.caller, administrativeUnitsAddAdmin, { admin_unit_id, admin_id: m.id }, options);
    else if (m.kind === 'group_id') await callEndpoint(this.caller, administrativeUnitsAddGroup, { admin_unit_id, group_id: m.id }, options);
    else await callEndpoint(this.caller, administrativeUnitsAddIntegration, { admin_unit_id, integration_key: m.id }, options);
  }

  /** Removes an administrator, a group or an application from a unit; the object itself stays. */
  async remove(adminUnitId: string, member: DuoAdminUnitMember, options?: RequestOptions): Promise<void> {
    const admin_unit_id = requireString(adminUnitId, 'adminUnitId');
    const m = memberOf(member);
    if (m.kind === 'admin_id') await callEndpoint(this.caller, administrativeUnitsRemoveAdmin, { admin_unit_id, admin_id: m.id }, options);
    else if (m.kind === 'group_id') await callEndpoint(this.caller, administrativeUnitsRemoveGroup, { admin_unit_id, group_id: m.id }, options);
    else await callEndpoint(this.caller, administrativeUnitsRemoveIntegration, { admin_unit_id, integration_key: m.id }, options);
  }
}

const MEMBER_KEYS = ['admin_id', 'group_id', 'integration_key'] as const;

/** The one member key given, checked. */
function memberOf(member: DuoAdminUnitMember): { kind: (typeof MEMBER_KEYS)[number]; id: string } {
  const given = MEMBER_KEYS.filter((k) => (requireObject(member, 'member') as Record<string, unknown>)[k] !== undefined);
  if (given.length !== 1) throw new DuoConfigError('member', 'member must name exactly one of admin_id, group_id, integration_key');
  const kind = given[0]!;
  return { kind, id: requireString((member as Record<string, unknown>)[kind], kind) };
}
