import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.js';

/** What of an item its plan's hash covers. */
export interface HashedItem {
  seq: number;
  organizationId: string;
  actionId: string;
  targetId: string | null;
  /** The full input (secrets included: approving a plan approves the exact calls). */
  input: unknown;
}

/**
 * The plan hash (pure): hex sha256 over the items in seq order, each as the JSON array
 * `[seq, organization_id, action_id, target_id, canonical JSON of the full input]`, one per line.
 * An approver and `run` pass it back, so a plan changed after it was read is refused (409 conflict).
 */
export function computePlanHash(items: readonly HashedItem[]): string {
  const hash = createHash('sha256');
  for (const item of [...items].sort((a, b) => a.seq - b.seq)) {
    hash.update(JSON.stringify([item.seq, item.organizationId, item.actionId, item.targetId, canonicalJson(item.input)]));
    hash.update('\n');
  }
  return hash.digest('hex');
}
