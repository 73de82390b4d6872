import {
  policiesBulkUpdate,
  policiesCalculate,
  policiesCopy,
  policiesCreate,
  policiesDelete,
  policiesGet,
  policiesList,
  policiesSummary,
  policiesUpdate,
} from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { parseBool, reject, requireString } from '../../params/read-param.js';
import { applySectionChanges } from '../../policies/apply-section-changes.js';
import { calculatePolicy } from '../../policies/calculate-policy.js';
import {
  applyToApps,
  applyToGroupsInApps,
  dropPolicyEverywhere,
  isApplication,
  unassignFromApps,
} from '../../policies/policy-assignments.js';
import { policyLayers } from '../../policies/policy-layers.js';
import { SECTION_DEFAULTS, type SectionSettings, type Sections } from '../../policies/policy-sections.js';
import { findPolicy, globalPolicyOf, newPolicyKey, policiesInOrder, policiesOf, policyNameTaken } from '../../policies/policy-store.js';
import { policySummary } from '../../policies/policy-summary.js';
import {
  jsonParam,
  readAppList,
  readGroupBindings,
  readNewNames,
  readSectionNames,
  readSections,
} from '../../policies/read-policy-params.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializePolicy } from '../../serialize/serialize-policy.js';
import type { PolicyRecord } from '../../state/policy-records.js';

/**
 * Admin API policies v2: summary, list, get, create, modify, bulk modify, copy, delete, calculate.
 * Every account has a global policy (made on first use); custom policies carry the sections they
 * set and apply to applications and to groups on applications (bindings live on the integration).
 */
export const policyRoutes: Route[] = [
  defineRoute({ endpoint: policiesSummary, handle: (ctx) => ok(policySummary(ctx.account)) }),
  defineRoute({
    endpoint: policiesList,
    handle(ctx) {
      const page = paginate(policiesInOrder(ctx.account), ctx.params, pageDefaults(policiesList, ctx.options.overMaxLimit));
      return ok(page.response.map(serializePolicy), page.metadata);
    },
  }),
  defineRoute({ endpoint: policiesGet, handle: (ctx) => ok(serializePolicy(policyOr404(ctx, ctx.path['policy_key'] ?? '', 'policy_key'))) }),
  defineRoute({ endpoint: policiesCreate, nonIdempotent: 'policies.create', handle: createPolicy }),
  defineRoute({ endpoint: policiesUpdate, handle: updatePolicy }),
  defineRoute({ endpoint: policiesBulkUpdate, handle: bulkUpdate }),
  defineRoute({ endpoint: policiesCopy, nonIdempotent: 'policies.copy', handle: copyPolicy }),
  defineRoute({ endpoint: policiesDelete, handle: deletePolicy }),
  defineRoute({ endpoint: policiesCalculate, handle: calculate }),
];

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function policyOr404(ctx: HandlerContext, key: string, param: string): PolicyRecord {
  const policy = findPolicy(ctx.account, key);
  if (!policy) reject(failures.notFound(param));
  return policy;
}

/** Where a custom policy's first settings of a section come from (the `sectionFill` option). */
function fillFor(ctx: HandlerContext): (name: string) => SectionSettings {
  const mode = ctx.options.policies.sectionFill;
  if (mode === 'as_given') return () => ({});
  if (mode === 'global') return (name) => globalPolicyOf(ctx.account).sections[name] ?? SECTION_DEFAULTS[name] ?? {};
  return (name) => SECTION_DEFAULTS[name] ?? {};
}

/** A new or changed name: not blank, and (unless the option allows it) no other policy's. */
function checkName(ctx: HandlerContext, name: string, param: string, exceptKey?: string): void {
  if (name.trim() === '') reject(failures.invalidParam(param));
  if (ctx.options.policies.duplicateNames === 'reject' && policyNameTaken(ctx.account, name, exceptKey)) reject(failures.invalidParam(param));
}

/** Creates a custom policy with the given sections, optionally applied to applications and groups. */
function createPolicy(ctx: HandlerContext) {
  const { account } = ctx;
  const unknown = ctx.options.policies.unknownSections;
  const name = requireString(ctx.params, 'policy_name');
  checkName(ctx, name, 'policy_name');
  const sections = readSections(jsonParam(ctx.params, 'sections'), 'sections', unknown) ?? {};
  const apps = readAppList(account, jsonParam(ctx.params, 'apply_to_apps'), 'apply_to_apps');
  const groups = readGroupBindings(account, jsonParam(ctx.params, 'apply_to_groups_in_apps'), 'apply_to_groups_in_apps');
  globalPolicyOf(account);
  const policy: PolicyRecord = {
    policy_key: newPolicyKey(account, ctx.random),
    policy_name: name,
    is_global_policy: false,
    sections: applySectionChanges({}, sections, [], fillFor(ctx)),
  };
  policiesOf(account)[policy.policy_key] = policy;
  if (apps) applyToApps(account, policy.policy_key, apps);
  if (groups) applyToGroupsInApps(account, policy.policy_key, groups);
  ctx.recordExecution('policies.create', { policy_key: policy.policy_key });
  return ok(serializePolicy(policy));
}

/**
 * Modifies one policy: rename, section changes (given settings over the current ones), section
 * removals, application and group assignments. Everything is checked before anything changes.
 * The global policy keeps its name, every section and its place (it applies wherever nothing
 * else does): renaming, removing its sections or assigning it answer 400/40002 (Duo's code for
 * these is unverified).
 */
function updatePolicy(ctx: HandlerContext) {
  const { account } = ctx;
  const unknown = ctx.options.policies.unknownSections;
  const policy = policyOr404(ctx, ctx.path['policy_key'] ?? '', 'policy_key');
  const name = ctx.params.get('policy_name');
  const sections = readSections(jsonParam(ctx.params, 'sections'), 'sections', unknown);
  const toDelete = readSectionNames(jsonParam(ctx.params, 'sections_to_delete'), 'sections_to_delete', unknown);
  const apps = readAppList(account, jsonParam(ctx.params, 'apply_to_apps'), 'apply_to_apps');
  const groups = readGroupBindings(account, jsonParam(ctx.params, 'apply_to_groups_in_apps'), 'apply_to_groups_in_apps');
  const unassign = readAppList(account, jsonParam(ctx.params, 'unassign_from_apps'), 'unassign_from_apps');
  if (policy.is_global_policy) {
    if (name !== undefined && name !== policy.policy_name) reject(failures.invalidParam('policy_name'));
    if (toDelete.length > 0) reject(failures.invalidParam('sections_to_delete'));
    if (apps) reject(failures.invalidParam('apply_to_apps'));
    if (groups) reject(failures.invalidParam('apply_to_groups_in_apps'));
    if (unassign) reject(failures.invalidParam('unassign_from_apps'));
  }
  if (name !== undefined) checkName(ctx, name, 'policy_name', policy.policy_key);
  if (sections && toDelete.some((n) => n in sections)) reject(failures.invalidParam('sections_to_delete'));
  policy.sections = applySectionChanges(policy.sections, sections ?? {}, toDelete, fillFor(ctx));
  if (name !== undefined) policy.policy_name = name;
  if (unassign) unassignFromApps(account, policy.policy_key, unassign);
  if (apps) applyToApps(account, policy.policy_key, apps);
  if (groups) applyToGroupsInApps(account, policy.policy_key, groups);
  return ok(serializePolicy(policy));
}

/**
 * The same section changes on several policies: `policies_to_update` picks them (`edit_list`, or
 * `edit_all_policies`), `policy_changes` says what changes. All or nothing: an unknown key
 * (404/40401) or a bad change (400/40002) changes no policy. Answers `{policies: [...]}` with the
 * changed policies (our reading: Duo's client calls it "all updated policies").
 */
function bulkUpdate(ctx: HandlerContext) {
  const { account } = ctx;
  const { unknownSections: unknown, bulkEditAll } = ctx.options.policies;
  const target = jsonParam(ctx.params, 'policies_to_update');
  const changes = jsonParam(ctx.params, 'policy_changes');
  if (!isPlainObject(target)) return reject(failures.invalidParam('policies_to_update'));
  if (!isPlainObject(changes)) return reject(failures.invalidParam('policy_changes'));
  const editAll = readFlag(target['edit_all_policies'], 'policies_to_update.edit_all_policies');
  const editList = target['edit_list'];
  if (editList !== undefined && editList !== null && (!Array.isArray(editList) || !editList.every((k) => typeof k === 'string' && k !== ''))) {
    reject(failures.invalidParam('policies_to_update.edit_list'));
  }
  const keys = (editList ?? []) as string[];
  if (!editAll && keys.length === 0) reject(failures.missingParam('policies_to_update.edit_list'));
  const chosen = editAll
    ? policiesInOrder(account).filter((p) => bulkEditAll === 'all' || !p.is_global_policy)
    : keys.map((key) => policyOr404(ctx, key, 'policies_to_update.edit_list'));
  const policies = [...new Map(chosen.map((p) => [p.policy_key, p])).values()];

  // Duo's python client sends `"sections": ""` when only deleting sections.
  const rawSections = changes['sections'] === '' ? undefined : changes['sections'];
  const sections = readSections(rawSections, 'policy_changes.sections', unknown);
  const toDelete = readSectionNames(changes['sections_to_delete'], 'policy_changes.sections_to_delete', unknown);
  if (sections === undefined && toDelete.length === 0) reject(failures.missingParam('policy_changes'));
  if (sections && toDelete.some((n) => n in sections)) reject(failures.invalidParam('policy_changes.sections_to_delete'));
  if (toDelete.length > 0 && policies.some((p) => p.is_global_policy)) reject(failures.invalidParam('policy_changes.sections_to_delete'));

  const fill = fillFor(ctx);
  for (const policy of policies) policy.sections = applySectionChanges(policy.sections, sections ?? ({} as Sections), toDelete, fill);
  return ok({ policies: policies.map(serializePolicy) });
}

function readFlag(value: unknown, param: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  const parsed = typeof value === 'string' || typeof value === 'number' ? parseBool(String(value)) : undefined;
  if (parsed === undefined) return reject(failures.invalidParam(param));
  return parsed;
}

/**
 * Copies a policy once per new name: same sections, no applications or groups (a copy starts
 * unassigned). Copying the global policy makes custom policies holding all of its sections.
 */
function copyPolicy(ctx: HandlerContext) {
  const { account } = ctx;
  const allowDuplicates = ctx.options.policies.duplicateNames === 'allow';
  const source = policyOr404(ctx, requireString(ctx.params, 'policy_key'), 'policy_key');
  const names = readNewNames(ctx.params, 'new_policy_names_list', allowDuplicates);
  if (!allowDuplicates && names.some((n) => policyNameTaken(account, n))) reject(failures.invalidParam('new_policy_names_list'));
  const copies = names.map((name) => {
    const copy: PolicyRecord = {
      policy_key: newPolicyKey(account, ctx.random),
      policy_name: name,
      is_global_policy: false,
      sections: structuredClone(source.sections),
    };
    policiesOf(account)[copy.policy_key] = copy;
    return copy;
  });
  ctx.recordExecution('policies.copy', { policy_key: source.policy_key, new_policy_keys: copies.map((c) => c.policy_key) });
  return ok({ policies: copies.map(serializePolicy) });
}

/**
 * Deletes a custom policy and takes it off every application and group binding (they fall back
 * to the global policy). The global policy cannot be deleted: 400/40002 (Duo's code unverified).
 */
function deletePolicy(ctx: HandlerContext) {
  const { account } = ctx;
  const policy = findPolicy(account, ctx.path['policy_key'] ?? '');
  if (!policy) {
    if (ctx.options.policies.deleteMissing === 'ok') return ok('');
    return reject(failures.notFound('policy_key'));
  }
  if (policy.is_global_policy) reject(failures.invalidParam('policy_key'));
  delete policiesOf(account)[policy.policy_key];
  dropPolicyEverywhere(account, policy.policy_key);
  return ok('');
}

/**
 * The policy a user gets on an application: global, then the application's policy, then the first
 * group policy naming one of the user's groups, section by section. An unknown user or
 * integration answers 404/40401 naming it; an Admin or Accounts API integration, which policies
 * do not govern, 400/40002.
 */
function calculate(ctx: HandlerContext) {
  const { account } = ctx;
  const user = account.users[requireString(ctx.params, 'user_id')];
  if (!user) return reject(failures.notFound('user_id'));
  const integration = account.integrations[requireString(ctx.params, 'integration_key')];
  if (!integration) return reject(failures.notFound('integration_key'));
  if (!isApplication(integration)) reject(failures.invalidParam('integration_key'));
  return ok(calculatePolicy(policyLayers(account, integration, user)));
}
