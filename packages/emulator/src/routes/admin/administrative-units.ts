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
  type EndpointDeclaration,
} from '@duohub/sdk';
import { fail, failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalBool, reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Params, type Route } from '../../route.js';
import { serializeAdminUnit } from '../../serialize/serialize-admin-unit.js';
import { adminUnitsOf, type AdminUnitRecord } from '../../state/admin-unit-records.js';
import type { Account } from '../../state/types.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const FILTERS = ['admin_id', 'group_id', 'integration_key'] as const;

/** Which record field a member list fills, how Duo names it in requests, and how it checks an id. */
const MEMBER_LISTS = [
  { param: 'admins', field: 'admin_ids', exists: (a: Account, id: string) => adminIsAssignable(a, id) !== 'unknown' },
  { param: 'groups', field: 'group_ids', exists: (a: Account, id: string) => a.groups[id] !== undefined },
  { param: 'integrations', field: 'integration_keys', exists: (a: Account, id: string) => a.integrations[id] !== undefined },
] as const;

/**
 * Admin API administrative units: list (with one optional filter), get, create, modify, delete,
 * and assigning or removing administrators, groups and applications. Every route needs "Grant
 * administrators" (reads also accept "Grant read administrators").
 */
export const administrativeUnitRoutes: Route[] = [
  defineRoute({
    endpoint: administrativeUnitsList,
    handle(ctx) {
      const filter = readFilter(ctx.params);
      const all = Object.values(adminUnitsOf(ctx.account)).filter((u) => matches(u, filter));
      const page = paginate(all, ctx.params, pageDefaults(administrativeUnitsList, ctx.options.overMaxLimit));
      return ok(page.response.map(serializeAdminUnit), page.metadata);
    },
  }),
  defineRoute({ endpoint: administrativeUnitsGet, handle: (ctx) => ok(serializeAdminUnit(unitOr404(ctx))) }),
  defineRoute({ endpoint: administrativeUnitsCreate, nonIdempotent: 'administrative_units.create', handle: createUnit }),
  defineRoute({ endpoint: administrativeUnitsUpdate, handle: updateUnit }),
  defineRoute({
    endpoint: administrativeUnitsDelete,
    handle(ctx) {
      // Deletes are idempotent in Duo; the unit's administrators stay, restricted to no unit.
      delete adminUnitsOf(ctx.account)[ctx.path['admin_unit_id'] ?? ''];
      return ok('');
    },
  }),
  memberRoute(administrativeUnitsAddAdmin, 'admin_id', 'admin_ids', 'add'),
  memberRoute(administrativeUnitsRemoveAdmin, 'admin_id', 'admin_ids', 'remove'),
  memberRoute(administrativeUnitsAddGroup, 'group_id', 'group_ids', 'add'),
  memberRoute(administrativeUnitsRemoveGroup, 'group_id', 'group_ids', 'remove'),
  memberRoute(administrativeUnitsAddIntegration, 'integration_key', 'integration_keys', 'add'),
  memberRoute(administrativeUnitsRemoveIntegration, 'integration_key', 'integration_keys', 'remove'),
];

function unitOr404(ctx: HandlerContext): AdminUnitRecord {
  const unit = adminUnitsOf(ctx.account)[ctx.path['admin_unit_id'] ?? ''];
  if (!unit) reject(failures.notFound('admin_unit_id'));
  return unit;
}

/**
 * Whether an administrator may join a unit. Duo documents that an administrator "must have
 * restricted_by_admin_units set to true before" being assigned through the API; an absent flag
 * reads as Duo's default, false (as the administrators family reads it).
 */
function adminIsAssignable(account: Account, adminId: string): 'yes' | 'unknown' | 'unrestricted' {
  const admin = account.admins?.[adminId];
  if (!admin) return 'unknown';
  return admin.restricted_by_admin_units === true ? 'yes' : 'unrestricted';
}

/** The one filter given, if any. Duo takes at most one; a second -> 400/40002 naming it (Duo's answer is unverified). */
function readFilter(params: Params): { name: (typeof FILTERS)[number]; value: string } | undefined {
  const given = FILTERS.filter((f) => params.get(f) !== undefined);
  if (given.length > 1) reject(failures.invalidParam(given[1]!));
  const name = given[0];
  return name === undefined ? undefined : { name, value: params.get(name)! };
}

function matches(unit: AdminUnitRecord, filter: ReturnType<typeof readFilter>): boolean {
  if (!filter) return true;
  if (filter.name === 'admin_id') return unit.admin_ids.includes(filter.value);
  if (filter.name === 'group_id') return unit.group_ids.includes(filter.value);
  return unit.integration_keys.includes(filter.value);
}

/**
 * A member list as Duo's clients send one: a JSON array in a v5 body, repeated keys, one
 * JSON-array string, or comma-separated ids in a form. Undefined when absent; an empty JSON array
 * or a blank value is an empty list. Unreadable -> 400/40002 naming the parameter.
 */
export function readMemberIds(params: Params, name: string): string[] | undefined {
  const native = params.json(name);
  if (Array.isArray(native)) {
    if (!native.every((v) => typeof v === 'string' && v.trim() !== '')) reject(failures.invalidParam(name));
    return [...new Set((native as string[]).map((v) => v.trim()))];
  }
  const values = params.getAll(name);
  if (values.length === 0) return undefined;
  const ids: string[] = [];
  for (const value of values) {
    const text = value.trim();
    if (text.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        reject(failures.invalidParam(name));
      }
      if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string' && v.trim() !== '')) reject(failures.invalidParam(name));
      ids.push(...(parsed as string[]).map((v) => v.trim()));
    } else {
      ids.push(...text.split(',').map((v) => v.trim()).filter((v) => v !== ''));
    }
  }
  return [...new Set(ids)];
}

/** The member lists given, each id checked against the account: unknown or unassignable -> 400/40002 naming the list. */
function readMembers(ctx: HandlerContext): Partial<Record<(typeof MEMBER_LISTS)[number]['field'], string[]>> {
  const out: Partial<Record<(typeof MEMBER_LISTS)[number]['field'], string[]>> = {};
  for (const list of MEMBER_LISTS) {
    const ids = readMemberIds(ctx.params, list.param);
    if (ids === undefined) continue;
    if (!ids.every((id) => list.exists(ctx.account, id))) reject(failures.invalidParam(list.param));
    if (list.param === 'admins' && ids.some((id) => adminIsAssignable(ctx.account, id) !== 'yes')) reject(failures.invalidParam('admins'));
    out[list.field] = ids;
  }
  return out;
}

/** Names are unique among the account's units (case-insensitive, as people read them). */
function rejectTakenName(ctx: HandlerContext, name: string, exceptId?: string): void {
  const wanted = name.trim().toLowerCase();
  const taken = Object.values(adminUnitsOf(ctx.account)).some((u) => u.admin_unit_id !== exceptId && u.name.trim().toLowerCase() === wanted);
  if (taken) reject(fail(400, ctx.options.duplicateAdminUnitNames, 'Invalid request parameters', 'name'));
}

/** A 20-character id; Duo documents no prefix for units, `DN` only keeps them readable in tests. */
function newAdminUnitId(ctx: HandlerContext): string {
  const units = adminUnitsOf(ctx.account);
  for (;;) {
    let id = 'DN';
    while (id.length < 20) id += ALNUM[Math.floor(ctx.random() * ALNUM.length)];
    if (!units[id]) return id;
  }
}

/** Creates a unit: `name` (unique) and `description` required (the declaration answers 40001), flags default false. */
function createUnit(ctx: HandlerContext) {
  const name = ctx.params.get('name')!;
  rejectTakenName(ctx, name);
  const members = readMembers(ctx);
  const unit: AdminUnitRecord = {
    admin_unit_id: newAdminUnitId(ctx),
    name,
    description: ctx.params.get('description') ?? '',
    restrict_by_groups: optionalBool(ctx.params, 'restrict_by_groups') ?? false,
    restrict_by_integrations: optionalBool(ctx.params, 'restrict_by_integrations') ?? false,
    admin_ids: members.admin_ids ?? [],
    group_ids: members.group_ids ?? [],
    integration_keys: members.integration_keys ?? [],
  };
  adminUnitsOf(ctx.account)[unit.admin_unit_id] = unit;
  ctx.recordExecution('administrative_units.create', { admin_unit_id: unit.admin_unit_id });
  return ok(serializeAdminUnit(unit));
}

/** Modifies a unit: given fields change; given member lists add to (or, by option, replace) the members. */
function updateUnit(ctx: HandlerContext) {
  const unit = unitOr404(ctx);
  const name = ctx.params.get('name');
  if (name !== undefined && name.trim() === '') reject(failures.invalidParam('name'));
  if (name !== undefined) rejectTakenName(ctx, name, unit.admin_unit_id);
  const members = readMembers(ctx);
  const groups = optionalBool(ctx.params, 'restrict_by_groups');
  const integrations = optionalBool(ctx.params, 'restrict_by_integrations');
  const description = ctx.params.get('description');
  if (name !== undefined) unit.name = name;
  if (description !== undefined) unit.description = description;
  if (groups !== undefined) unit.restrict_by_groups = groups;
  if (integrations !== undefined) unit.restrict_by_integrations = integrations;
  for (const field of ['admin_ids', 'group_ids', 'integration_keys'] as const) {
    const ids = members[field];
    if (ids === undefined) continue;
    unit[field] = ctx.options.adminUnitListsOnModify === 'replace' ? ids : [...new Set([...unit[field], ...ids])];
  }
  return ok(serializeAdminUnit(unit));
}

/**
 * Assigns or removes one member by path. The unit and, on assignment, the member must exist
 * (404/40401 naming the path parameter); an administrator must also be restricted by units
 * (400/40002). Removing a member the unit does not hold succeeds, as Duo's removals do.
 */
function memberRoute(
  endpoint: EndpointDeclaration,
  param: 'admin_id' | 'group_id' | 'integration_key',
  field: 'admin_ids' | 'group_ids' | 'integration_keys',
  verb: 'add' | 'remove',
): Route {
  return defineRoute({
    endpoint,
    handle(ctx) {
      const unit = unitOr404(ctx);
      const id = ctx.path[param] ?? '';
      if (verb === 'remove') {
        unit[field] = unit[field].filter((x) => x !== id);
        return ok('');
      }
      const list = MEMBER_LISTS.find((l) => l.field === field)!;
      if (!list.exists(ctx.account, id)) reject(failures.notFound(param));
      if (param === 'admin_id' && adminIsAssignable(ctx.account, id) === 'unrestricted') reject(failures.invalidParam(param));
      if (!unit[field].includes(id)) unit[field].push(id);
      return ok('');
    },
  });
}
