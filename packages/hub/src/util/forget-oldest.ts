/**
 * Bounded in-memory caches keep insertion order (Map and Set iterate oldest first): these two helpers
 * make one a least-recently-used cache.
 */

/** Drops the oldest entries until at most `keep` remain. */
export function forgetOldest(collection: Map<unknown, unknown> | Set<unknown>, keep: number): void {
  while (collection.size > keep) collection.delete(collection.keys().next().value);
}

/** Moves `key` to the most recent end with `value` (delete, then set). */
export function touch<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}
