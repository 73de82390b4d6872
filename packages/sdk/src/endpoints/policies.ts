import { endpointFamily } from './endpoint-family.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

/*
 * Policies v2 (Duo "Policies" section of the Admin API). Every request body is JSON, signed v5.
 * Facts from Duo's clients and examples (duo_client_python 5.x admin.py and examples/Admin/
 * policies.py, duo_api_ruby, duo_client_java's DuoPolicies example): paths, the JSON bodies of
 * create/update/bulk update/copy, `global` as a key alias for the global policy, copy answering
 * `{policies: [...]}`, list paging by top-level `metadata.next_offset`, reads needing "Grant
 * resource - Read". Shapes Duo's clients do not show are marked as our reading below.
 */

const DOCS = 'https://duo.com/docs/adminapi#policies';
// Duo documents no page sizes for policies; its clients page 100 at a time (python) and one
// integration reports a v2 page cap of 100, so both are 100 here.
const page = offsetPaging(100, 100);
/** Reads need "Grant read resource", writes "Grant write resource". */
const policy = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource', page });
const policyKey = t.string({ minLength: 1, description: 'Key of the policy, or `global` for the global policy' });

/** A policy's sections by name, each an object of that section's settings (Duo's setting names). */
export const policySectionsShape = t.object({}, { additionalProperties: t.object({}), description: 'Sections by name (authentication_methods, new_user, ...), each its settings' });

/** A policy as Duo returns it. */
export const policyShape = t.object(
  {
    policy_key: t.string(),
    policy_name: t.string(),
    is_global_policy: t.boolean(),
    sections: policySectionsShape,
  },
  { required: ['policy_key', 'policy_name', 'is_global_policy', 'sections'] },
);

/** `{policies: [...]}`: what copy (and, by our reading, bulk update) answer. */
export const policyListShape = t.object({ policies: t.array(policyShape) }, { required: ['policies'] });

const appList = (what: string) =>
  t.object({ applications_list: t.array(t.string({ minLength: 1 }), { description: 'Integration keys' }) }, { required: ['applications_list'], description: what });

const groupPolicies = t.object(
  {
    apply_group_policies_list: t.array(
      t.object(
        { app_integration_key: t.string({ minLength: 1 }), group_id_list: t.array(t.string({ minLength: 1 }), { minItems: 1 }) },
        { required: ['app_integration_key', 'group_id_list'] },
      ),
    ),
  },
  { required: ['apply_group_policies_list'], description: 'Apply the policy to these groups within these applications' },
);

const sectionNames = t.array(t.string({ minLength: 1 }), { description: 'Names of sections to remove (the policy then inherits them from the global policy)' });

/** Where a policy is applied, as the summary lists it. */
const appliesToShape = t.object(
  {
    app_integration_key: t.string(),
    app_name: t.string(),
    apply_type: t.enum(['app', 'group_app']),
    group_position: t.integer({ description: 'group_app: 0-based rank among the group policies of that application (first match wins)' }),
    groups: t.array(t.object({ group_id: t.string(), group_name: t.string() }, { required: ['group_id'] })),
  },
  { required: ['app_integration_key', 'apply_type'] },
);

/** `GET /admin/v2/policies/summary` answer. */
export const policySummaryShape = t.object(
  {
    policies: t.array(
      t.object(
        { policy_key: t.string(), policy_name: t.string(), is_global_policy: t.boolean(), policy_applies_to: t.array(appliesToShape) },
        { required: ['policy_key', 'policy_name', 'policy_applies_to'] },
      ),
    ),
    policy_count: t.integer({ minimum: 0 }),
    response_is_truncated: t.boolean(),
    warnings: t.array(t.string()),
  },
  { required: ['policies', 'policy_count'] },
);

/**
 * `GET /admin/v2/policies/calculate` answer. Duo's python client says only that it holds
 * `policy_elements` and `sections`; our reading: `sections` are the effective settings (the
 * shape of a policy's sections) and `policy_elements` the policies they came from, global first.
 */
export const policyCalculationShape = t.object(
  {
    sections: policySectionsShape,
    policy_elements: t.array(
      t.object(
        {
          policy_key: t.string(),
          policy_name: t.string(),
          is_global_policy: t.boolean(),
          apply_type: t.enum(['global', 'app', 'group_app']),
          group_id_list: t.array(t.string()),
          applied_sections: t.array(t.string(), { description: 'Sections this policy decides for this user on this application' }),
        },
        { required: ['policy_key', 'apply_type', 'applied_sections'] },
      ),
    ),
  },
  { required: ['sections', 'policy_elements'] },
);

/** `GET /admin/v2/policies/summary`. */
export const policiesSummary = policy.get({
  id: 'policies.summary',
  summary: 'Summarize policies and where they are applied',
  path: '/admin/v2/policies/summary',
  params: {},
  response: policySummaryShape,
  docs: `${DOCS}-retrieve-policy-summary`,
});

/** `GET /admin/v2/policies`: every policy, the global one included. */
export const policiesList = policy.list({
  id: 'policies.list',
  summary: 'List policies',
  path: '/admin/v2/policies',
  response: t.array(policyShape),
  docs: `${DOCS}-retrieve-policies`,
});

/** `GET /admin/v2/policies/{policy_key}` (`global` names the global policy). */
export const policiesGet = policy.get({
  id: 'policies.get',
  summary: 'Get one policy',
  path: '/admin/v2/policies/{policy_key}',
  params: { policy_key: policyKey },
  response: policyShape,
  docs: `${DOCS}-retrieve-policy-by-key`,
});

/** `POST /admin/v2/policies`: JSON body; never resent. */
export const policiesCreate = policy.write({
  id: 'policies.create',
  summary: 'Create a policy',
  path: '/admin/v2/policies',
  idempotent: false,
  body: 'json',
  params: {
    policy_name: required(t.string({ minLength: 1, description: 'Name of the new policy' })),
    sections: policySectionsShape,
    apply_to_apps: appList('Make this the policy of these applications'),
    apply_to_groups_in_apps: groupPolicies,
  },
  response: policyShape,
  docs: `${DOCS}-create-policy`,
});

/** `PUT /admin/v2/policies/{policy_key}`: JSON body; given sections change, the rest stay. */
export const policiesUpdate = policy.write({
  id: 'policies.update',
  summary: 'Modify a policy',
  method: 'PUT',
  path: '/admin/v2/policies/{policy_key}',
  idempotent: true,
  body: 'json',
  params: {
    policy_key: policyKey,
    policy_name: t.string({ minLength: 1, description: 'New name (not for the global policy)' }),
    sections: policySectionsShape,
    sections_to_delete: sectionNames,
    apply_to_apps: appList('Make this the policy of these applications'),
    apply_to_groups_in_apps: groupPolicies,
    unassign_from_apps: appList('Remove this policy from these applications (they fall back to the global policy)'),
  },
  response: policyShape,
  docs: `${DOCS}-update-policy`,
});

/** `PUT /admin/v2/policies/update`: the same section changes on several policies at once. */
export const policiesBulkUpdate = policy.write({
  id: 'policies.bulk_update',
  summary: 'Modify several policies at once',
  method: 'PUT',
  path: '/admin/v2/policies/update',
  idempotent: true,
  body: 'json',
  params: {
    policies_to_update: required(
      t.object(
        {
          edit_all_policies: t.boolean({ description: 'Every policy (edit_list is then ignored)' }),
          edit_list: t.array(t.string({ minLength: 1 }), { description: 'Keys of the policies to change' }),
        },
        { description: 'Which policies change' },
      ),
    ),
    policy_changes: required(
      t.object({ sections: policySectionsShape, sections_to_delete: sectionNames }, { description: 'What changes in each of them' }),
    ),
  },
  response: policyListShape,
  docs: `${DOCS}-update-policies`,
});

/** `POST /admin/v2/policies/copy`: one new policy per name, with the source's sections; never resent. */
export const policiesCopy = policy.write({
  id: 'policies.copy',
  summary: 'Copy a policy to new policies',
  path: '/admin/v2/policies/copy',
  idempotent: false,
  body: 'json',
  params: {
    policy_key: required(policyKey),
    new_policy_names_list: required(t.array(t.string({ minLength: 1 }), { minItems: 1, description: 'One new policy per name' })),
  },
  response: policyListShape,
  docs: `${DOCS}-copy-policy`,
});

/** `DELETE /admin/v2/policies/{policy_key}`: never the global policy. */
export const policiesDelete = policy.remove({
  id: 'policies.delete',
  summary: 'Delete a policy',
  path: '/admin/v2/policies/{policy_key}',
  params: { policy_key: policyKey },
  response: emptyAnswer,
  docs: `${DOCS}-delete-policy`,
});

/** `GET /admin/v2/policies/calculate`: the policy a user gets on an application. */
export const policiesCalculate = policy.get({
  id: 'policies.calculate',
  summary: 'Calculate the policy a user gets on an application',
  path: '/admin/v2/policies/calculate',
  params: {
    user_id: required(t.string({ minLength: 1 })),
    integration_key: required(t.string({ minLength: 1, description: 'The application' })),
  },
  response: policyCalculationShape,
  docs: `${DOCS}-calculate-policy`,
});

/** Every policies v2 endpoint. */
export const policyEndpoints = [
  policiesSummary,
  policiesList,
  policiesGet,
  policiesCreate,
  policiesUpdate,
  policiesBulkUpdate,
  policiesCopy,
  policiesDelete,
  policiesCalculate,
] as const;
