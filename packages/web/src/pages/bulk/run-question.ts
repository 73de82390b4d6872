import type { BulkRunView } from './bulk-types.ts';

/** Organization names joined for a sentence, the first `max` named and the rest counted. */
export function nameList(names: readonly string[], max = 3): string {
  if (names.length === 0) return 'no organization';
  if (names.length <= max) {
    if (names.length === 1) return names[0]!;
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  const rest = names.length - max;
  return `${names.slice(0, max).join(', ')} and ${rest} more ${rest === 1 ? 'organization' : 'organizations'}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The question Run asks before a run starts, naming what it will do and where:
 * "Make 11 users.enroll calls in Acme LLC?".
 */
export function runQuestion(run: Pick<BulkRunView, 'action_id' | 'counts' | 'plan'>): string {
  const orgs = run.plan.by_organization.filter((o) => o.items > 0).map((o) => o.name);
  const actions = run.action_id ? run.action_id : run.plan.by_action.map((a) => a.action_id).join(', ');
  return `Make ${plural(run.counts.total, `${actions} call`, `${actions} calls`)} in ${nameList(orgs)}?`;
}

/** The confirm button's words: "Yes, make 11 calls". */
export function runConfirmLabel(total: number): string {
  return `Yes, make ${plural(total, 'call', 'calls')}`;
}
