import {
  callDeclared,
  policiesBulkUpdate,
  policiesCalculate,
  policiesCopy,
  policiesCreate,
  policiesDelete,
  policiesGet,
  policiesList,
  policiesSummary,
  policiesUpdate,
  type DuoPolicy,
} from '@duohub/sdk';
import { z } from 'zod';
import { HubError } from '../../errors/hub-error.js';
import type { ActionContext } from '../action-context.js';
import { dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';
import { dryRun, duoId, type DryRunOutput } from '../schemas/common.js';
import { describePolicyChange, policySectionDiff } from './policy-section-diff.js';

/**
 * Catalog actions of Duo's policies (v2), one per documented endpoint. Policies decide how users
 * sign in to applications: the global policy applies everywhere, a custom policy overrides the
 * sections it sets for the applications (or groups on them) it is applied to.
 */

const resource = 'policies';

/** A policy key (20 uppercase letters or digits), or `global` for the global policy. */
const policyKeyInput = z
  .string()
  .regex(/^(global|[A-Z0-9]{20})$/, 'must be a policy key (20 uppercase letters or digits) or global')
  .describe('Policy key, or global for the global policy');

/** A custom policy's key: the global policy cannot be deleted, so its alias is refused here. */
const customPolicyKeyInput = z
  .string()
  .regex(/^[A-Z0-9]{20}$/, 'must be the key of a custom policy (20 uppercase letters or digits); the global policy cannot be deleted')
  .describe('Key of the custom policy');

const integrationKeyInput = z
  .string()
  .regex(/^DI[A-Z0-9]{18}$/, 'must be a Duo integration key (DI and 18 uppercase letters or digits)')
  .describe('Integration key (DI...) of the application');

const signal = (ctx: ActionContext) => (ctx.signal ? { signal: ctx.signal } : {});

/*
 * Duo wraps lists in objects (`apply_to_apps: {applications_list}`, `policies_to_update: {edit_list}`,
 * `policy_changes: {sections}`). The actions take the lists flat, as a person types them
 * (`--apply-to-apps DI... --edit-list PO...`), and wrap them for Duo in `run`.
 */
const sectionsInput = z
  .record(z.string(), z.record(z.string(), z.unknown()))
  .describe('Sections by name, each an object of settings in Duo\'s names, e.g. {"new_user":{"new_user_behavior":"deny"}}');
const sectionNamesInput = z.array(z.string().min(1)).describe('Names of sections to remove (the policy then inherits them from the global policy)');
const appKeysInput = (what: string) => z.array(z.string().regex(/^DI[A-Z0-9]{18}$/, 'must be a Duo integration key (DI and 18 uppercase letters or digits)')).min(1).describe(what);
const groupBindingsInput = z
  .array(z.strictObject({ app_integration_key: z.string().regex(/^DI[A-Z0-9]{18}$/, 'must be a Duo integration key'), group_id_list: z.array(duoId('group')).min(1) }))
  .min(1)
  .describe('Groups within applications the policy applies to: [{"app_integration_key":"DI...","group_id_list":["DG..."]}]');

const assignmentInput = {
  apply_to_apps: appKeysInput('Applications whose policy this becomes').optional(),
  apply_to_groups_in_apps: groupBindingsInput.optional(),
};

/** An action's flat input as Duo's body: lists of applications and groups wrapped as Duo names them. */
export function toDuoPolicyParams(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (name === 'apply_to_apps' || name === 'unassign_from_apps') out[name] = { applications_list: value };
    else if (name === 'apply_to_groups_in_apps') out[name] = { apply_group_policies_list: value };
    else out[name] = value;
  }
  return out;
}

async function readPolicy(ctx: ActionContext, policyKey: unknown): Promise<DuoPolicy> {
  return (await callDeclared(ctx.admin(), policiesGet, { policy_key: policyKey }, signal(ctx))).response as DuoPolicy;
}

/** Shows the summary of every policy and where it applies. */
export const policiesSummaryAction = endpointAction(policiesSummary, {
  resource,
  title: 'Summarize policies',
  description: 'Lists every Duo policy with the applications, and groups within applications, it is applied to, and how many policies there are.',
});

/** Lists policies a page at a time. */
export const policiesListAction = endpointAction(policiesList, {
  resource,
  title: 'List policies',
  description: 'Lists the Duo policies with all their settings (sections), the global policy first.',
});

/** Reads one policy. */
export const policiesGetAction = endpointAction(policiesGet, {
  resource,
  title: 'Get policy',
  description: 'Reads one Duo policy and its settings; use global for the global policy.',
  input: { policy_key: policyKeyInput },
});

/** Creates a custom policy. */
export const policiesCreateAction = endpointAction(policiesCreate, {
  resource,
  title: 'Create policy',
  description:
    'Creates a custom Duo policy with the given sections (for example authentication_methods or new_user), optionally applied to applications or to groups within them. Sections it does not set come from the global policy. Never retried.',
  input: { sections: sectionsInput.optional(), ...assignmentInput },
  run: async (ctx, input) => (await callDeclared(ctx.admin(), policiesCreate, toDuoPolicyParams(input), signal(ctx))).response,
});

/** Changes a policy: settings, name, and where it applies. */
export const policiesUpdateAction = endpointAction(policiesUpdate, {
  resource,
  title: 'Modify policy',
  description:
    "Changes a policy's settings section by section (sections it does not mention stay), removes sections, renames it, or applies it to or removes it from applications and groups. A dry run shows the difference, section by section.",
  destructive: true,
  input: {
    policy_key: policyKeyInput,
    sections: sectionsInput.optional(),
    sections_to_delete: sectionNamesInput.optional(),
    ...assignmentInput,
    unassign_from_apps: appKeysInput('Applications to take this policy off (they fall back to the global policy)').optional(),
  },
  dryRun: dryRunByReading(policiesGet, (t, input) => describePolicyChange(policySectionDiff(t, input), t['policy_name']), (t, input) => policySectionDiff(t, input)),
  run: async (ctx, input) => (await callDeclared(ctx.admin(), policiesUpdate, toDuoPolicyParams(input), signal(ctx))).response,
});

/** The policies a bulk change targets, read for its dry run. */
async function bulkTargets(ctx: ActionContext, input: Record<string, unknown>): Promise<DuoPolicy[]> {
  if (input['edit_all_policies'] === true) return (await ctx.admin().policies.list({ signal: ctx.signal }).toArray()).filter((p) => !p.is_global_policy);
  const out: DuoPolicy[] = [];
  for (const key of (input['edit_list'] as string[] | undefined) ?? []) out.push(await readPolicy(ctx, key));
  return out;
}

/** A bulk change's flat input, checked for what zod cannot say per field, as Duo's two objects. */
function bulkParams(input: Record<string, unknown>) {
  const problems: Array<{ in: string; field: string; message: string }> = [];
  const editList = (input['edit_list'] as string[] | undefined) ?? [];
  if (input['edit_all_policies'] !== true && editList.length === 0) problems.push({ in: 'input', field: 'edit_list', message: 'give the policies to change, or edit_all_policies' });
  if (input['sections'] === undefined && ((input['sections_to_delete'] as string[] | undefined) ?? []).length === 0) {
    problems.push({ in: 'input', field: 'sections', message: 'give sections to change or sections_to_delete' });
  }
  if (problems.length > 0) throw new HubError('validation_failed', { message: 'Invalid input for policies.bulk_update.', details: problems });
  const policy_changes: Record<string, unknown> = {};
  if (input['sections'] !== undefined) policy_changes['sections'] = input['sections'];
  if (input['sections_to_delete'] !== undefined) policy_changes['sections_to_delete'] = input['sections_to_delete'];
  const policies_to_update = input['edit_all_policies'] === true ? { edit_all_policies: true } : { edit_list: editList };
  return { policies_to_update, policy_changes };
}

/** Applies the same section changes to several policies. */
export const policiesBulkUpdateAction = endpointAction(policiesBulkUpdate, {
  resource,
  title: 'Modify several policies',
  description:
    'Applies the same section changes (and section removals) to the listed policies, or to every custom policy. A dry run reads each policy and shows the difference for each.',
  destructive: true,
  omit: ['policies_to_update', 'policy_changes'],
  input: {
    edit_list: z.array(policyKeyInput).min(1).optional().describe('Keys of the policies to change (global for the global policy)'),
    edit_all_policies: z.boolean().optional().describe('Change every custom policy instead of a list'),
    sections: sectionsInput.optional(),
    sections_to_delete: sectionNamesInput.optional(),
  },
  run: async (ctx, input) => (await callDeclared(ctx.admin(), policiesBulkUpdate, bulkParams(input), signal(ctx))).response,
  dryRun: async (ctx, input) => {
    const changes = bulkParams(input).policy_changes;
    const policies = await bulkTargets(ctx, input);
    const diff: NonNullable<DryRunOutput['diff']> = {};
    for (const p of policies) Object.assign(diff, policySectionDiff(p as Record<string, unknown>, changes, `${p.policy_key}.`));
    const names = policies.map((p) => `"${p.policy_name}"`).join(', ');
    return dryRun(
      policies.map((p) => ({ policy_key: p.policy_key, policy_name: p.policy_name, sections: p.sections })),
      `would change ${Object.keys(diff).length} section(s) across ${policies.length} polic${policies.length === 1 ? 'y' : 'ies'}${names ? `: ${names}` : ''}`,
      Object.keys(diff).length > 0 ? diff : undefined,
    );
  },
});

/** Copies a policy into new ones. */
export const policiesCopyAction = endpointAction(policiesCopy, {
  resource,
  title: 'Copy policy',
  description: 'Creates one new custom policy per name with the same settings as the given policy (the global one included); the copies start unapplied. Never retried.',
  input: { policy_key: policyKeyInput },
});

/** Reads a policy for deletion, refusing the global policy before Duo is asked to delete it. */
async function deletable(ctx: ActionContext, policyKey: unknown): Promise<DuoPolicy> {
  const policy = await readPolicy(ctx, policyKey);
  if (policy.is_global_policy) {
    throw new HubError('conflict', { message: 'The global policy cannot be deleted.', details: { policy_key: policy.policy_key } });
  }
  return policy;
}

/** Deletes a custom policy. */
export const policiesDeleteAction = endpointAction(policiesDelete, {
  resource,
  title: 'Delete policy',
  description:
    'Deletes a custom policy; the applications and groups it applied to fall back to the global policy. The global policy cannot be deleted. A dry run shows where the policy is applied and deletes nothing.',
  destructive: true,
  input: { policy_key: customPolicyKeyInput },
  dryRun: async (ctx, input) => {
    const policy = await deletable(ctx, input['policy_key']);
    const summary = await ctx.admin().policies.summary(signal(ctx));
    const entry = summary.policies.find((p) => p.policy_key === policy.policy_key);
    const applied = (entry?.policy_applies_to ?? []) as Array<{ app_integration_key: string }>;
    const apps = new Set(applied.map((a) => a.app_integration_key)).size;
    const where = apps === 0 ? 'it is applied nowhere' : `${apps} application(s) using it fall back to the global policy`;
    return dryRun(policy, `would delete policy "${policy.policy_name}"; ${where}`);
  },
  output: z.object({ deleted: z.literal(true), policy_key: z.string() }),
  run: async (ctx, input) => {
    const policy = await deletable(ctx, input['policy_key']);
    await callDeclared(ctx.admin(), policiesDelete, { policy_key: policy.policy_key }, signal(ctx));
    return { deleted: true as const, policy_key: policy.policy_key };
  },
});

/** Which policy a user gets on an application. */
export const policiesCalculateAction = endpointAction(policiesCalculate, {
  resource,
  title: 'Calculate effective policy',
  description:
    "Answers which settings a user gets when signing in to an application, and which policy each section comes from (global, the application's policy, or a group policy).",
  input: { user_id: duoId('user'), integration_key: integrationKeyInput },
});

/** Every policies action, in display order. */
export const policyActions = [
  policiesSummaryAction,
  policiesListAction,
  policiesGetAction,
  policiesCreateAction,
  policiesUpdateAction,
  policiesBulkUpdateAction,
  policiesCopyAction,
  policiesDeleteAction,
  policiesCalculateAction,
] as const;
