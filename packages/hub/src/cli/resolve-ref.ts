import { normalizeOrgName } from '../organizations/normalize-org-name.js';
import type { HubClient } from './hub-client.js';
import { didYouMean, suggestSimilar } from './suggest-similar.js';

/** Something the CLI can name: an organization or an integration. */
export interface NamedItem {
  id: string;
  name: string;
}

/** How a reference typed by a person matched a list. */
export type RefMatch =
  | { kind: 'found'; item: NamedItem }
  | { kind: 'ambiguous'; candidates: NamedItem[] }
  | { kind: 'none'; suggestions: string[] };

/**
 * Matches `ref` against items by id, then by exact name, then ignoring case, then by the normalized
 * company name ("acme corp" is "ACME Corporation"). The first step with any hit decides: one hit is
 * found, several are ambiguous (a person must pick by id). No hit suggests similar names.
 */
export function matchRef(ref: string, items: readonly NamedItem[]): RefMatch {
  const wanted = ref.trim();
  const folded = wanted.toLowerCase();
  const key = normalizeOrgName(wanted).key;
  const steps: Array<(item: NamedItem) => boolean> = [
    (i) => i.id === wanted,
    (i) => i.name === wanted,
    (i) => i.name.toLowerCase() === folded,
    (i) => key !== '' && normalizeOrgName(i.name).key === key,
  ];
  for (const step of steps) {
    const hits = items.filter(step);
    if (hits.length === 1) return { kind: 'found', item: hits[0]! };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits };
  }
  return { kind: 'none', suggestions: suggestSimilar(wanted, items.map((i) => i.name)) };
}

/** What each kind of reference is called, listed from, and how its ids start. */
const KINDS = {
  organization: { plural: 'organizations', path: '/api/organizations', prefix: 'org_', list: 'duohub orgs list' },
  integration: { plural: 'integrations', path: '/api/integrations', prefix: 'int_', list: 'duohub integrations list' },
} as const;

/** The kinds of things a reference can name. */
export type RefKind = keyof typeof KINDS;

/**
 * The id behind `ref`, an id or a name (`--org "ACME Corp."`). An id is passed through as typed (the
 * hub answers for an unknown one); a name is looked up in the list the caller may see.
 */
export async function resolveRef(client: HubClient, kind: RefKind, ref: string): Promise<string> {
  const k = KINDS[kind];
  if (new RegExp(`^${k.prefix}[0-9A-Za-z]+$`).test(ref)) return ref;
  const res = await client.request('GET', k.path);
  if (res.status >= 400) {
    const error = (res.body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new Error(`cannot look up ${kind} "${ref}": ${error?.code ?? res.status}: ${error?.message ?? 'request failed'}`);
  }
  const items = ((res.body as { items?: NamedItem[] }).items ?? []).map((i) => ({ id: i.id, name: i.name }));
  return describeMatch(kind, ref, matchRef(ref, items));
}

/** The id of a found match, or an error naming the candidates (ambiguous) or similar names (none). */
export function describeMatch(kind: RefKind, ref: string, match: RefMatch): string {
  const k = KINDS[kind];
  if (match.kind === 'found') return match.item.id;
  if (match.kind === 'ambiguous') {
    const width = Math.max(...match.candidates.map((c) => c.id.length));
    const lines = match.candidates.map((c) => `  ${c.id.padEnd(width)}  ${c.name}`).join('\n');
    throw new Error(`"${ref}" matches ${match.candidates.length} ${k.plural}; pass the id of one:\n${lines}`);
  }
  throw new Error(`no ${kind} named "${ref}".${didYouMean(match.suggestions, (s) => `"${s}"`)} (see ${k.list})`);
}

/**
 * The integration a command acts on: `ref` (name or id) when given, else the only one there is;
 * with none or several, an error saying what to pass.
 */
export async function resolveIntegrationOrOnly(client: HubClient, ref: string | undefined, flag = '--integration'): Promise<string> {
  if (ref) return resolveRef(client, 'integration', ref);
  const res = await client.request('GET', '/api/integrations');
  if (res.status >= 400) {
    const error = (res.body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new Error(`cannot list integrations: ${error?.code ?? res.status}: ${error?.message ?? 'request failed'}`);
  }
  const items = (res.body as { items: NamedItem[] }).items;
  if (items.length === 1) return items[0]!.id;
  if (items.length === 0) throw new Error('no integration yet; add one with `duohub integrations add`');
  throw new Error(`several integrations; pass ${flag} with the name or id of one:\n${items.map((i) => `  ${i.id}  ${i.name}`).join('\n')}`);
}
