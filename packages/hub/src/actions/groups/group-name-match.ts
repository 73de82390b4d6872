/** How a group's name matches what a person typed: exactly, or only ignoring case and outer spaces. */
export type GroupNameMatch = 'exact' | 'folded' | undefined;

/** Compares a Duo group name with a typed one; the exact spelling wins over a case-folded match. */
export function groupNameMatch(groupName: string, wanted: string): GroupNameMatch {
  if (groupName === wanted) return 'exact';
  return groupName.trim().toLowerCase() === wanted.trim().toLowerCase() ? 'folded' : undefined;
}

/** The groups a name picks: the exact matches if any, else the case-folded ones. */
export function pickGroupsByName<G extends { name: string }>(groups: readonly G[], wanted: string): G[] {
  const exact = groups.filter((g) => groupNameMatch(g.name, wanted) === 'exact');
  return exact.length > 0 ? exact : groups.filter((g) => groupNameMatch(g.name, wanted) === 'folded');
}
