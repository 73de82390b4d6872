import type { Organization, Suggestion } from './organization-types.ts';

/** Which rows the "Show" choice keeps. */
export type OrganizationShow = 'all' | 'mapped' | 'unmapped' | 'review';

/** The "Show" choices in display order, with their labels. */
export const SHOW_CHOICES: ReadonlyArray<readonly [OrganizationShow, string]> = [
  ['all', 'All'],
  ['unmapped', 'Unmapped'],
  ['mapped', 'Mapped'],
  ['review', 'With a suggestion to review'],
];

/** A `show` query value as a choice; anything unknown is `all`. */
export function parseShow(value: string | null): OrganizationShow {
  return SHOW_CHOICES.some(([v]) => v === value) ? (value as OrganizationShow) : 'all';
}

/**
 * The organizations matching the filter text (a case-insensitive substring of the name, an email domain,
 * or the mapped account's name or id) and the "Show" choice. `review` keeps suggestions that would change
 * something, so a long list can be reviewed without paging through settled rows.
 */
export function filterOrganizations(
  orgs: readonly Organization[],
  text: string,
  show: OrganizationShow = 'all',
  suggestions: Readonly<Record<string, Suggestion>> = {},
): Organization[] {
  const q = text.trim().toLowerCase();
  return orgs.filter((o) => {
    if (show === 'mapped' && o.duo_account_id === null) return false;
    if (show === 'unmapped' && o.duo_account_id !== null) return false;
    if (show === 'review') {
      const s = suggestions[o.id];
      if (!s || (s.status !== 'new' && s.status !== 'change')) return false;
    }
    if (!q) return true;
    const fields = [o.name, ...o.email_domains, o.duo_account_name ?? '', o.duo_account_id ?? ''];
    return fields.some((f) => f.toLowerCase().includes(q));
  });
}
