import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import type { ParamsOf, ResponseOf } from '../endpoints/params-of.js';
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
} from '../endpoints/policies.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';

/** A policy: key, name, whether it is the global one, and its sections by name. */
export type DuoPolicy = ResponseOf<typeof policiesGet>;
/** Every policy with where it is applied, and the count. */
export type DuoPolicySummary = ResponseOf<typeof policiesSummary>;
/** The effective sections a user gets on an application, and the policies they came from. */
export type DuoPolicyCalculation = ResponseOf<typeof policiesCalculate>;
/** What `create` sends: a name, optional sections and where to apply the policy. */
export type DuoPolicyCreateParams = ParamsOf<typeof policiesCreate>;
/** What `update` sends besides the key: a new name, section changes, application changes. */
export type DuoPolicyUpdateParams = Omit<ParamsOf<typeof policiesUpdate>, 'policy_key'>;
/** What `bulkUpdate` sends: which policies, and the section changes each gets. */
export type DuoPolicyBulkUpdateParams = ParamsOf<typeof policiesBulkUpdate>;

/**
 * Admin API policies (v2): wrappers over `endpoints/policies.ts`. Writes travel as JSON bodies
 * signed v5, as Duo requires for these endpoints, whatever the client's `sigVersion`.
 */
export class PoliciesResource {
  constructor(private readonly caller: Caller) {}

  /** Every policy with the applications and groups it is applied to. */
  async summary(options?: RequestOptions): Promise<DuoPolicySummary> {
    return (await callEndpoint(this.caller, policiesSummary, {}, options)).response;
  }

  /** Every policy, the global one included, 100 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoPolicy> {
    return offsetList<DuoPolicy>(this.caller, policiesList, {}, options);
  }

  /** One policy by key; `global` reads the global policy. */
  async get(policyKey: string, options?: RequestOptions): Promise<DuoPolicy> {
    const policy_key = requireString(policyKey, 'policyKey');
    return (await callEndpoint(this.caller, policiesGet, { policy_key }, options)).response;
  }

  /** Creates a policy; never resent after an ambiguous failure. */
  async create(params: DuoPolicyCreateParams, options?: RequestOptions): Promise<DuoPolicy> {
    return (await callEndpoint(this.caller, policiesCreate, requireObject(params, 'params'), options)).response;
  }

  /** Changes a policy: given sections change (the rest stay), listed sections are removed. */
  async update(policyKey: string, changes: DuoPolicyUpdateParams, options?: RequestOptions): Promise<DuoPolicy> {
    const policy_key = requireString(policyKey, 'policyKey');
    const fields = { ...requireObject(changes, 'changes'), policy_key };
    return (await callEndpoint(this.caller, policiesUpdate, fields, options)).response;
  }

  /** Applies the same section changes to several policies (or all); answers the changed policies. */
  async bulkUpdate(params: DuoPolicyBulkUpdateParams, options?: RequestOptions): Promise<DuoPolicy[]> {
    return (await callEndpoint(this.caller, policiesBulkUpdate, requireObject(params, 'params'), options)).response.policies as DuoPolicy[];
  }

  /** Copies a policy once per name; answers the new policies in the order of the names. */
  async copy(policyKey: string, newPolicyNames: string[], options?: RequestOptions): Promise<DuoPolicy[]> {
    const policy_key = requireString(policyKey, 'policyKey');
    const params = { policy_key, new_policy_names_list: newPolicyNames };
    return (await callEndpoint(this.caller, policiesCopy, params, options)).response.policies as DuoPolicy[];
  }

  /** Deletes a policy (never the global one); applications using it fall back to the global policy. */
  async delete(policyKey: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, policiesDelete, { policy_key: requireString(policyKey, 'policyKey') }, options);
  }

  /** The policy a user gets on an application: effective sections and where each came from. */
  async calculate(userId: string, integrationKey: string, options?: RequestOptions): Promise<DuoPolicyCalculation> {
    const params = { user_id: requireString(userId, 'userId'), integration_key: requireString(integrationKey, 'integrationKey') };
    return (await callEndpoint(this.caller, policiesCalculate, params, options)).response;
  }
}
