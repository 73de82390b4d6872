import { cloneSections, type SectionSettings, type Sections } from './policy-sections.js';

/**
 * A policy's sections after a change, as a new object (the inputs are left alone): each changed
 * section takes the given settings over its current ones (`fill` supplies the starting settings of
 * a section the policy did not set yet), then the named sections are removed. Settings replace
 * whole values; a nested object given replaces the stored one.
 *
 * Authentication method lists stay disjoint: a method the change puts in one list leaves the other,
 * so blocking `sms` alone also stops it being allowed.
 */
export function applySectionChanges(
  current: Sections,
  changes: Sections,
  toDelete: readonly string[],
  fill: (name: string) => SectionSettings,
): Sections {
  const next = cloneSections(current);
  for (const [name, given] of Object.entries(changes)) {
    const base = next[name] ?? cloneSections(fill(name));
    const merged: SectionSettings = { ...base, ...cloneSections(given) };
    next[name] = name === 'authentication_methods' ? keepMethodListsDisjoint(merged, given) : merged;
  }
  for (const name of toDelete) delete next[name];
  return next;
}

function keepMethodListsDisjoint(merged: SectionSettings, given: SectionSettings): SectionSettings {
  const allowed = asList(merged['allowed_auth_list']);
  const blocked = asList(merged['blocked_auth_list']);
  if (allowed === undefined || blocked === undefined) return merged;
  const gaveAllowed = given['allowed_auth_list'] !== undefined;
  const gaveBlocked = given['blocked_auth_list'] !== undefined;
  if (gaveBlocked && !gaveAllowed) merged['allowed_auth_list'] = allowed.filter((m) => !blocked.includes(m));
  if (gaveAllowed && !gaveBlocked) merged['blocked_auth_list'] = blocked.filter((m) => !allowed.includes(m));
  return merged;
}

function asList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? (value as string[]) : undefined;
}
