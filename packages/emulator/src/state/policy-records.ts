/**
 * A Duo policy (Admin API `/admin/v2/policies`). The global policy is one of them
 * (`is_global_policy`), carries every section and applies wherever nothing else does; a custom
 * policy carries only the sections it sets and inherits the rest. Where a policy applies lives on
 * the integration (`policy_key`, `group_policies`), not here.
 */
export interface PolicyRecord {
  policy_key: string;
  policy_name: string;
  is_global_policy: boolean;
  /** Policy sections by name, each Duo's settings object (setting names as Duo spells them). */
  sections: Record<string, Record<string, unknown>>;
}
