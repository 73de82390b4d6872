/** An item as the task loop chooses among them. */
export interface ItemCandidate {
  seq: number;
  target: string | null;
  target_id: string | null;
}

/** What an item acts on, for ordering: its Duo id, else its name, else the item itself (no target: independent). */
export function itemTargetKey(item: ItemCandidate): string {
  return item.target_id ?? item.target ?? `#${item.seq}`;
}

/**
 * The next item to start (pure), from candidates in seq order: the first one not under way whose
 * target has no item under way, so two calls on one target never overlap and each target's items
 * run in plan order; undefined when none may start now.
 */
export function pickNextItem<T extends ItemCandidate>(candidates: readonly T[], inFlight: ReadonlySet<number>, busyTargets: ReadonlySet<string>): T | undefined {
  const blocked = new Set(busyTargets);
  for (const item of candidates) {
    if (inFlight.has(item.seq)) continue;
    const target = itemTargetKey(item);
    // A later item of a busy target waits for it; so does any later item of a target skipped here.
    if (blocked.has(target)) continue;
    return item;
  }
  return undefined;
}
