import { cloneSections } from '../policies/policy-sections.js';
import type { PolicyRecord } from '../state/policy-records.js';

/** A policy in Duo's fields; the sections are a copy, so a caller cannot change the stored ones. */
export function serializePolicy(policy: PolicyRecord) {
  return {
    policy_key: policy.policy_key,
    policy_name: policy.policy_name,
    is_global_policy: policy.is_global_policy,
    sections: cloneSections(policy.sections),
  };
}
