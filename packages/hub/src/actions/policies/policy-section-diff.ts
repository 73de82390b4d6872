import type { DryRunOutput } from '../schemas/common.js';

type Diff = NonNullable<DryRunOutput['diff']>;
type Sections = Record<string, Record<string, unknown>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a policy change would do, field by field, for a dry run: a new name, each changed section
 * (`sections.<name>`: the section now, and the given settings over it; a section the policy does
 * not set yet shows `from: null` and only the given settings, since Duo fills the rest), each
 * removed section (`to: null`) and each assignment. Unchanged parts are left out; `prefix` tells
 * policies apart in a bulk change.
 */
export function policySectionDiff(current: Record<string, unknown>, change: Record<string, unknown>, prefix = ''): Diff {
  const out: Diff = {};
  const sections = (isObject(current['sections']) ? current['sections'] : {}) as Sections;
  const name = change['policy_name'];
  if (name !== undefined && name !== current['policy_name']) out[`${prefix}policy_name`] = { from: current['policy_name'] ?? null, to: name };
  if (isObject(change['sections'])) {
    for (const [section, given] of Object.entries(change['sections'])) {
      const from = sections[section];
      const to = { ...(from ?? {}), ...(isObject(given) ? given : {}) };
      if (!same(from, to)) out[`${prefix}sections.${section}`] = { from: from ?? null, to };
    }
  }
  if (Array.isArray(change['sections_to_delete'])) {
    for (const section of change['sections_to_delete'] as unknown[]) {
      if (typeof section === 'string' && sections[section] !== undefined) out[`${prefix}sections.${section}`] = { from: sections[section], to: null };
    }
  }
  for (const field of ['apply_to_apps', 'apply_to_groups_in_apps', 'unassign_from_apps']) {
    if (change[field] !== undefined) out[`${prefix}${field}`] = { from: null, to: change[field] };
  }
  return out;
}

/** One line for a dry run: which parts of which policy would change. */
export function describePolicyChange(diff: Diff, policyName: unknown): string {
  const parts = Object.keys(diff).map((k) => (diff[k]!.to === null ? `remove ${k}` : k));
  return `would change ${parts.length ? parts.join(', ') : 'nothing'} of policy "${String(policyName)}"`;
}
