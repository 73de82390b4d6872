import type { BaselineSelector } from './baseline-schemas.js';

/** What selection looks at of an organization. */
export interface SelectableOrganization {
  id: string;
  name: string;
  tags: readonly string[];
}

/** Whether `name` matches a glob of `*` (any run) and `?` (one character), ignoring case (pure). */
export function globMatches(pattern: string, name: string): boolean {
  const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'isu').test(name);
}

/**
 * The organizations a selector covers (pure), in the order given: all; the listed ids (ids no
 * longer present are simply absent); those carrying any of the tags; or those whose name matches.
 */
export function selectOrganizations<T extends SelectableOrganization>(selector: BaselineSelector, organizations: readonly T[]): T[] {
  if (selector.all) return [...organizations];
  if (selector.organization_ids) {
    const ids = new Set(selector.organization_ids);
    return organizations.filter((o) => ids.has(o.id));
  }
  if (selector.tags) {
    const tags = new Set(selector.tags.map((t) => t.toLowerCase()));
    return organizations.filter((o) => o.tags.some((t) => tags.has(t.toLowerCase())));
  }
  if (selector.name_pattern !== undefined) return organizations.filter((o) => globMatches(selector.name_pattern!, o.name));
  return [];
}

/** An organizations row's `tags` JSON as a list (a broken value as none). */
export function parseTags(json: string | null | undefined): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
