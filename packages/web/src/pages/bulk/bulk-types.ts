/** The shapes of the hub's bulk-run API (`/api/bulk-runs`) as the page reads them. */

import type { BulkItemView, BulkRunView } from '../../../../hub/src/bulk/bulk-plan-schemas.ts';

/** The hub's own view types (type-only: nothing of the hub reaches the bundle). */
export type { BulkItemView, BulkRunView } from '../../../../hub/src/bulk/bulk-plan-schemas.ts';

/** Where a run stands; `draft` is a dry-run answer that was never saved. */
export type BulkRunStatus = BulkRunView['status'];

/** Where one planned call stands; the last five are final. */
export type BulkItemStatus = BulkItemView['status'];

/** Every item status, in the order the page lists them. */
export const ITEM_STATUSES: readonly BulkItemStatus[] = ['pending', 'calling', 'done', 'skipped', 'failed', 'review', 'cancelled'];

/** How many items of a run are in each status. */
export type BulkCounts = BulkRunView['counts'];

/** One organization's share of a run. */
export type BulkOrganizationPlan = BulkRunView['plan']['by_organization'][number];

/** What became of one item's call. */
export type BulkOutcome = NonNullable<BulkItemView['outcome']>;

/** A cursor-paged list answer. */
export interface BulkPage<T> {
  items: T[];
  next_cursor: string | null;
}

/** Which users a per-user run covers. */
export type BulkUserQuery = 'without_mfa' | 'bypass' | 'locked_out' | 'disabled' | 'inactive' | 'all';

/** The body of `POST /api/bulk-runs`. */
export interface BulkRunRequest {
  action_id: string;
  title?: string;
  organizations: { all?: true; ids?: string[]; tags?: string[]; name_pattern?: string };
  users?: { query?: BulkUserQuery; inactive_days?: number; snapshot_id?: string; usernames?: string[]; csv?: string };
  input?: Record<string, unknown>;
  requires_approval?: boolean;
  dry_run?: boolean;
}
