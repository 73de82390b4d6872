import type { BulkRunView } from './bulk-plan-schemas.js';

/**
 * The one-line summary of a run (pure), e.g. `users.enroll on 11 users in 2 organizations: 9 done,
 * 1 failed, 1 pending` or `settings.update: 3 calls in 3 organizations: 3 pending`; empty statuses are left out.
 */
export function summarizeBulkRun(view: Pick<BulkRunView, 'action_id' | 'counts' | 'plan'>, perUser: boolean): string {
  const c = view.counts;
  const orgs = view.plan.by_organization.length;
  const actions = view.plan.by_action.length;
  const what = view.action_id ?? (actions === 1 ? view.plan.by_action[0]!.action_id : `${actions} actions`);
  const head = perUser ? `${what} on ${plural(c.total, 'user')}` : `${what}: ${plural(c.total, 'call')}`;
  const parts = (['done', 'skipped', 'failed', 'review', 'cancelled', 'calling', 'pending'] as const).filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
  return `${head} in ${plural(orgs, 'organization')}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
