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
  type DuoAdminUnit,
  type EndpointDeclaration,
} from '@duohub/sdk';
import { z } from 'zod';
import type { ActionContext } from '../action-context.js';
import { dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';
import { dryRun, duoId, type DryRunOutput } from '../schemas/common.js';

/**
 * Catalog actions of Duo's administrative units (resource `administrative_units`): which
 * restricted administrators manage which groups and applications. Modifying, deleting and
 * removing members change who may manage what, so they are destructive and dry-runnable.
 * Duo applies units to administrators in the Admin Panel, not to Admin API applications: these
 * actions see every unit whatever units exist.
 */

const resource = 'administrative_units';
const signal = (ctx: ActionContext) => (ctx.signal ? { signal: ctx.signal } : {});

/** An administrative unit id. Duo documents no format for it, so only a sane id shape is checked. */
export const adminUnitIdInput = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an administrative unit id (letters, digits, - and _)')
  .describe('Administrative unit id');

const adminIdInput = duoId('administrator');
const groupIdInput = duoId('group');
const integrationKeyInput = duoId('integration');
const unitKey = { admin_unit_id: adminUnitIdInput };
const memberLists = {
  admins: z.array(adminIdInput).describe('Administrators to put in the unit (each must be restricted by administrative units)'),
  groups: z.array(groupIdInput).describe('Groups the unit\'s administrators manage'),
  integrations: z.array(integrationKeyInput).describe('Applications (integration keys) the unit\'s administrators manage'),
};
const MEMBER_FIELDS = ['admins', 'groups', 'integrations'] as const;
const unitLabel = (u: Record<string, unknown>) => `"${String(u['name'] ?? u['admin_unit_id'])}"`;

/** Lists administrative units, optionally only those holding one administrator, group or application. */
export const administrativeUnitsListAction = endpointAction(administrativeUnitsList, {
  resource,
  title: 'List administrative units',
  description:
    'Lists the administrative units: each names the restricted administrators in it and the groups and applications they manage. Give one of admin_id, group_id or integration_key to see only the units holding it.',
  input: {
    admin_id: adminIdInput.optional(),
    group_id: groupIdInput.optional(),
    integration_key: integrationKeyInput.optional(),
  },
});

/** Reads one administrative unit. */
export const administrativeUnitsGetAction = endpointAction(administrativeUnitsGet, {
  resource,
  title: 'Get administrative unit',
  description: 'Reads one administrative unit: its name, whether it restricts by groups and applications, and its members by id.',
  input: unitKey,
});

/** Creates an administrative unit. */
export const administrativeUnitsCreateAction = endpointAction(administrativeUnitsCreate, {
  resource,
  title: 'Create administrative unit',
  description:
    'Creates an administrative unit with a unique name, optionally with administrators (restricted by units), groups and applications. Turn on restrict_by_groups or restrict_by_integrations to limit its administrators to those.',
  input: { ...memberLists, admins: memberLists.admins.optional(), groups: memberLists.groups.optional(), integrations: memberLists.integrations.optional() },
});

/** What a modify would change: fields that differ, and member lists as Duo adds them (union). */
function updateDiff(target: Record<string, unknown>, input: Record<string, unknown>): NonNullable<DryRunOutput['diff']> {
  const out: NonNullable<DryRunOutput['diff']> = {};
  for (const [name, to] of Object.entries(input)) {
    if (name === 'admin_unit_id' || to === undefined) continue;
    const from = target[name];
    const next = (MEMBER_FIELDS as readonly string[]).includes(name) ? [...new Set([...((from as string[] | undefined) ?? []), ...(to as string[])])] : to;
    if (JSON.stringify(from) !== JSON.stringify(next)) out[name] = { from: from ?? null, to: next };
  }
  return out;
}

/** Modifies an administrative unit; given member lists are added to its members, as Duo does. */
export const administrativeUnitsUpdateAction = endpointAction(administrativeUnitsUpdate, {
  resource,
  title: 'Modify administrative unit',
  description:
    'Renames an administrative unit, changes its description or restrictions, or adds administrators, groups and applications to it. A dry run shows the difference and changes nothing.',
  destructive: true,
  input: { ...unitKey, admins: memberLists.admins.optional(), groups: memberLists.groups.optional(), integrations: memberLists.integrations.optional() },
  dryRun: dryRunByReading(
    administrativeUnitsGet,
    (target, input) => {
      const changed = Object.keys(updateDiff(target, input));
      return changed.length === 0 ? `would change nothing of unit ${unitLabel(target)}` : `would change ${changed.join(', ')} of unit ${unitLabel(target)}`;
    },
    updateDiff,
  ),
});

/** Deletes an administrative unit; its administrators stay, restricted to no unit. */
export const administrativeUnitsDeleteAction = endpointAction(administrativeUnitsDelete, {
  resource,
  title: 'Delete administrative unit',
  description:
    'Deletes an administrative unit. Its restricted administrators stay but lose what the unit let them manage. A dry run reads the unit and deletes nothing.',
  destructive: true,
  input: unitKey,
  output: z.object({ deleted: z.literal(true), admin_unit_id: z.string() }),
  dryRun: dryRunByReading(administrativeUnitsGet, (target) => {
    const admins = (target['admins'] as unknown[] | undefined)?.length ?? 0;
    return `would delete administrative unit ${unitLabel(target)}${admins > 0 ? `; its ${admins} administrator(s) would manage nothing through it` : ''}`;
  }),
  run: async (ctx, input) => {
    await ctx.admin().administrativeUnits.delete(input['admin_unit_id'] as string, signal(ctx));
    return { deleted: true as const, admin_unit_id: input['admin_unit_id'] as string };
  },
});

/** One member kind: its path parameter, the unit's list it lands in, and how people call it. */
interface MemberKind {
  param: 'admin_id' | 'group_id' | 'integration_key';
  list: (typeof MEMBER_FIELDS)[number];
  input: z.ZodType;
  what: string;
}

const KINDS = {
  admin: { param: 'admin_id', list: 'admins', input: adminIdInput, what: 'administrator' },
  group: { param: 'group_id', list: 'groups', input: groupIdInput, what: 'group' },
  integration: { param: 'integration_key', list: 'integrations', input: integrationKeyInput, what: 'application' },
} as const satisfies Record<string, MemberKind>;

/** Assigns a member to a unit (a write that takes nothing away, so not dry-runnable). */
function addAction(endpoint: EndpointDeclaration, kind: MemberKind, description: string) {
  return endpointAction(endpoint, {
    resource,
    title: `Add ${kind.what} to administrative unit`,
    description,
    input: { ...unitKey, [kind.param]: kind.input },
    output: z.object({ admin_unit_id: z.string(), [kind.param]: z.string(), assigned: z.literal(true) }),
    run: async (ctx, input) => {
      const member = { [kind.param]: input[kind.param] as string } as { admin_id: string };
      await ctx.admin().administrativeUnits.add(input['admin_unit_id'] as string, member, signal(ctx));
      return { admin_unit_id: input['admin_unit_id'], [kind.param]: input[kind.param], assigned: true as const };
    },
  });
}

/** Removes a member from a unit: destructive; the dry run reads the unit and says whether it holds the member. */
function removeAction(endpoint: EndpointDeclaration, kind: MemberKind, description: string) {
  return endpointAction(endpoint, {
    resource,
    title: `Remove ${kind.what} from administrative unit`,
    description,
    destructive: true,
    input: { ...unitKey, [kind.param]: kind.input },
    output: z.object({ admin_unit_id: z.string(), [kind.param]: z.string(), removed: z.literal(true) }),
    dryRun: async (ctx, input) => {
      const unit = await ctx.admin().administrativeUnits.get(input['admin_unit_id'] as string, signal(ctx));
      const id = input[kind.param] as string;
      const members = (unit as DuoAdminUnit)[kind.list];
      if (!members.includes(id)) return dryRun(unit, `would change nothing: unit ${unitLabel(unit)} does not hold ${kind.what} ${id}`);
      return dryRun(unit, `would remove ${kind.what} ${id} from unit ${unitLabel(unit)}`, {
        [kind.list]: { from: members, to: members.filter((m) => m !== id) },
      });
    },
    run: async (ctx, input) => {
      const member = { [kind.param]: input[kind.param] as string } as { admin_id: string };
      await ctx.admin().administrativeUnits.remove(input['admin_unit_id'] as string, member, signal(ctx));
      return { admin_unit_id: input['admin_unit_id'], [kind.param]: input[kind.param], removed: true as const };
    },
  });
}

/** Puts a restricted administrator in a unit. */
export const administrativeUnitsAddAdminAction = addAction(
  administrativeUnitsAddAdmin,
  KINDS.admin,
  'Puts an administrator in an administrative unit, so they manage its groups and applications. The administrator must be restricted by administrative units.',
);
/** Takes an administrator out of a unit. */
export const administrativeUnitsRemoveAdminAction = removeAction(
  administrativeUnitsRemoveAdmin,
  KINDS.admin,
  'Takes an administrator out of an administrative unit; they lose what the unit let them manage. A dry run reads the unit and changes nothing.',
);
/** Adds a group to a unit. */
export const administrativeUnitsAddGroupAction = addAction(
  administrativeUnitsAddGroup,
  KINDS.group,
  "Adds a group to an administrative unit, so the unit's administrators manage its users.",
);
/** Removes a group from a unit. */
export const administrativeUnitsRemoveGroupAction = removeAction(
  administrativeUnitsRemoveGroup,
  KINDS.group,
  "Removes a group from an administrative unit; the unit's administrators stop managing its users. The group itself stays. A dry run changes nothing.",
);
/** Adds an application to a unit. */
export const administrativeUnitsAddIntegrationAction = addAction(
  administrativeUnitsAddIntegration,
  KINDS.integration,
  "Adds an application (integration key) to an administrative unit, so the unit's administrators manage it.",
);
/** Removes an application from a unit. */
export const administrativeUnitsRemoveIntegrationAction = removeAction(
  administrativeUnitsRemoveIntegration,
  KINDS.integration,
  "Removes an application from an administrative unit; the unit's administrators stop managing it. The application itself stays. A dry run changes nothing.",
);

/** Every administrative unit action, in catalog order. */
export const administrativeUnitActions = [
  administrativeUnitsListAction,
  administrativeUnitsGetAction,
  administrativeUnitsCreateAction,
  administrativeUnitsUpdateAction,
  administrativeUnitsDeleteAction,
  administrativeUnitsAddAdminAction,
  administrativeUnitsRemoveAdminAction,
  administrativeUnitsAddGroupAction,
  administrativeUnitsRemoveGroupAction,
  administrativeUnitsAddIntegrationAction,
  administrativeUnitsRemoveIntegrationAction,
] as const;
