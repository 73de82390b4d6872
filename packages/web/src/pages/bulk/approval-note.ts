import type { BulkRunView } from './bulk-types.ts';

/** Who is looking: the token's id and scopes (as `GET /api/tokens/current` lists them). */
export interface Viewer {
  token_id: string | null;
  scopes: readonly string[];
}

/** Where a run's approval stands for this viewer: nothing to do, done, or waiting (and whether this viewer may give it). */
export type ApprovalNote = { kind: 'none' } | { kind: 'approved'; text: string } | { kind: 'waiting'; text: string; mayApprove: boolean };

/**
 * What the page says about approval. The hub decides (a token with the approve scope, admin implying it,
 * other than the one that planned the run); this only explains beforehand why Approve would be refused,
 * and the hub's own reason is shown when it refuses.
 */
export function approvalNote(run: Pick<BulkRunView, 'requires_approval' | 'approved' | 'approved_by' | 'created_by' | 'status'>, viewer: Viewer): ApprovalNote {
  if (!run.requires_approval) return { kind: 'none' };
  if (run.approved) return { kind: 'approved', text: `Approved${run.approved_by ? ` by ${run.approved_by === 'cli' ? 'the CLI' : `token ${run.approved_by}`}` : ''}.` };
  if (run.status !== 'planned') return { kind: 'none' };
  const scoped = viewer.scopes.includes('approve') || viewer.scopes.includes('admin');
  if (viewer.token_id !== null && viewer.token_id === run.created_by) {
    return { kind: 'waiting', mayApprove: false, text: 'You planned this run: another token with the approve scope must approve it before it can run.' };
  }
  if (!scoped) return { kind: 'waiting', mayApprove: false, text: 'Waiting for approval by a token with the approve scope; yours does not have it.' };
  return { kind: 'waiting', mayApprove: true, text: 'Waiting for approval. Review the plan below, then approve it.' };
}
