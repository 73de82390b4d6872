import type { PolicyRecord } from '../state/policy-records.js';
import { cloneSections, type Sections } from './policy-sections.js';

/** Where a policy applies to a request: everywhere (global), to the application, or to groups on it. */
export type ApplyType = 'global' | 'app' | 'group_app';

/** One policy in the stack that decides a user's policy on an application. */
export interface PolicyLayer {
  policy: PolicyRecord;
  apply_type: ApplyType;
  /** group_app: the groups the binding names. */
  group_id_list?: string[];
}

/** One contributing policy, as `calculate` reports it. */
export interface PolicyElement {
  policy_key: string;
  policy_name: string;
  is_global_policy: boolean;
  apply_type: ApplyType;
  group_id_list?: string[];
  /** The sections this policy decides, by name. */
  applied_sections: string[];
}

/** The effective policy: each section's settings and the policies they came from. */
export interface PolicyCalculation {
  sections: Sections;
  policy_elements: PolicyElement[];
}

/**
 * Duo's precedence, section by section: layers come lowest first (global, application, group) and
 * each section is taken whole from the highest layer that sets it; a section no layer sets is
 * absent. Every layer is reported, global first, with the sections it decided (possibly none).
 */
export function calculatePolicy(layers: readonly PolicyLayer[]): PolicyCalculation {
  const source = new Map<string, number>();
  layers.forEach((layer, index) => {
    for (const name of Object.keys(layer.policy.sections)) source.set(name, index);
  });
  const names = [...source.keys()].sort();
  const sections: Sections = {};
  for (const name of names) sections[name] = cloneSections(layers[source.get(name)!]!.policy.sections[name]!);
  const policy_elements = layers.map((layer, index): PolicyElement => {
    const element: PolicyElement = {
      policy_key: layer.policy.policy_key,
      policy_name: layer.policy.policy_name,
      is_global_policy: layer.policy.is_global_policy,
      apply_type: layer.apply_type,
      applied_sections: names.filter((n) => source.get(n) === index),
    };
    if (layer.group_id_list) element.group_id_list = [...layer.group_id_list];
    return element;
  });
  return { sections, policy_elements };
}
