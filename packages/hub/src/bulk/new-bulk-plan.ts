import type { BulkRunSource } from './bulk-tables.js';

/** One call a plan will make: which action, on which organization, on what, with which input. */
export interface PlannedItem {
  organizationId: string;
  actionId: string;
  /** For people: a username, an email, an organization's name; null when the action has no target. */
  target: string | null;
  /** Duo's id of the target (a user_id), when known at plan time. */
  targetId: string | null;
  /** The full input; sealed when stored, shown redacted. */
  input: Record<string, unknown>;
}

/**
 * A plan to save as a bulk run (status `planned`): the plan-building routes and a baseline's apply
 * both end here, through `saveBulkPlan` (save-bulk-plan.ts).
 */
export interface NewBulkPlan {
  title: string;
  /** The action every item runs, or null when items run different ones. */
  actionId: string | null;
  source: BulkRunSource;
  baselineId?: string | null | undefined;
  requiresApproval: boolean;
  /** The request the plan was built from, secrets removed; stored as JSON. */
  spec: unknown;
  items: PlannedItem[];
}
