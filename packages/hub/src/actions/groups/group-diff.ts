/** One field's change in a dry-run report. */
export type FieldChange = { from: unknown; to: unknown };

/** The fields `changes` would actually alter on `current` (unchanged and absent ones left out). */
export function groupDiff(current: Record<string, unknown>, changes: Record<string, unknown>): Record<string, FieldChange> {
  const diff: Record<string, FieldChange> = {};
  for (const [field, to] of Object.entries(changes)) {
    if (to === undefined) continue;
    const from = current[field] ?? null;
    if (from !== to) diff[field] = { from, to };
  }
  return diff;
}
