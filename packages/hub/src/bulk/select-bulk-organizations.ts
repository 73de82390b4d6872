import { HubError } from '../errors/hub-error.js';
import { matchRef } from '../cli/resolve-ref.js';
import { didYouMean } from '../cli/suggest-similar.js';
import { matchNamePattern } from './match-name-pattern.js';

/** What planning needs of an organization. */
export interface PlanOrganization {
  id: string;
  name: string;
  tags: readonly string[];
  integrationId: string | null;
  duoAccountId: string | null;
}

/** A plan's organizations selector (the union of what is given). */
export interface OrganizationsSelector {
  all?: true | undefined;
  ids?: readonly string[] | undefined;
  tags?: readonly string[] | undefined;
  name_pattern?: string | undefined;
}

/** The organizations a plan covers: mapped ones to plan for, unmapped ones skipped, and notes saying why. */
export interface OrganizationSelection {
  organizations: PlanOrganization[];
  skipped: PlanOrganization[];
  notes: string[];
}

const LIMITED = { message: 'This token is not allowed to access that organization.', details: { reason: 'organization_limited' } };

/**
 * Resolves a selector against the organizations (pure). A token limited to organizations (`limit`
 * not null) sees only its own: `all`, tags and patterns range over them, and naming any other
 * organization, by id or by name, is `forbidden` whether or not it exists (it learns nothing).
 * Names match as the CLI matches them (id, exact, case-insensitive, normalized company name);
 * unknown or ambiguous names are `validation_failed` naming `organizations.ids`. Unmapped
 * organizations are skipped and listed in the notes; the result is ordered by name.
 */
export function selectBulkOrganizations(
  all: readonly PlanOrganization[],
  selector: OrganizationsSelector,
  limit: readonly string[] | null,
): OrganizationSelection {
  const visible = limit === null ? [...all] : all.filter((o) => limit.includes(o.id));
  const chosen = new Map<string, PlanOrganization>();
  const notes: string[] = [];
  if (selector.all) for (const o of visible) chosen.set(o.id, o);
  for (const ref of selector.ids ?? []) {
    const match = matchRef(ref, visible);
    if (match.kind === 'found') {
      chosen.set(match.item.id, visible.find((o) => o.id === match.item.id)!);
      continue;
    }
    if (limit !== null && match.kind === 'none') throw new HubError('forbidden', LIMITED);
    const message =
      match.kind === 'ambiguous'
        ? `"${ref}" matches ${match.candidates.length} organizations; give the id of one: ${match.candidates.map((c) => `${c.id} (${c.name})`).join(', ')}`
        : `no organization named "${ref}".${didYouMean(match.suggestions, (s) => `"${s}"`)}`;
    throw new HubError('validation_failed', { details: [{ in: 'body', field: 'organizations.ids', message }] });
  }
  for (const tag of selector.tags ?? []) {
    const hits = visible.filter((o) => o.tags.includes(tag.toLowerCase()));
    if (hits.length === 0) notes.push(`Tag "${tag}" matches no organization.`);
    for (const o of hits) chosen.set(o.id, o);
  }
  if (selector.name_pattern !== undefined) {
    const hits = visible.filter((o) => matchNamePattern(selector.name_pattern!, o.name));
    if (hits.length === 0) notes.push(`Name pattern "${selector.name_pattern}" matches no organization.`);
    for (const o of hits) chosen.set(o.id, o);
  }
  const ordered = [...chosen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const organizations = ordered.filter((o) => o.integrationId !== null && o.duoAccountId !== null);
  const skipped = ordered.filter((o) => o.integrationId === null || o.duoAccountId === null);
  if (skipped.length > 0) {
    notes.push(`Skipped ${skipped.length} unmapped organization${skipped.length === 1 ? '' : 's'} (no Duo account; map with \`duohub orgs map\`): ${listNames(skipped.map((o) => o.name))}.`);
  }
  if (ordered.length === 0) notes.push('No organization matched the selector.');
  return { organizations, skipped, notes };
}

/** Up to 20 names joined, then how many more. */
export function listNames(names: readonly string[], max = 20): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
