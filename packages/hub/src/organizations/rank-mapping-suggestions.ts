import { normalizeOrgName } from './normalize-org-name.js';
import { orgNameSimilarity } from './org-name-similarity.js';

/** An organization as the ranking sees it. */
export interface RankOrg {
  id: string;
  name: string;
  email_domains: string[];
  integration_id: string | null;
  duo_account_id: string | null;
  mapping_source: 'manual' | 'suggested' | null;
}

/** A Duo child account, optionally with the email domains of a few of its users. */
export interface RankAccount {
  account_id: string;
  name: string;
  /** domain -> number of sampled users with an email there; absent when not sampled. */
  user_email_domains?: Record<string, number>;
  sampled_users?: number;
}

/** What the ranking proposes for one organization. */
export interface MappingSuggestion {
  organization_id: string;
  organization_name: string;
  /**
   * `new` (unmapped), `unchanged` (already mapped there), `change` (a suggested mapping would move),
   * `manual` (a manual mapping wins; never changed), `mapped_elsewhere` (mapped via another
   * integration), `no_candidate` (nothing scored high enough to mention).
   */
  status: 'new' | 'unchanged' | 'change' | 'manual' | 'mapped_elsewhere' | 'no_candidate';
  duo_account_id: string | null;
  duo_account_name: string | null;
  confidence: number;
  reason: string;
  current: { integration_id: string; duo_account_id: string; mapping_source: 'manual' | 'suggested' | null } | null;
  alternatives: Array<{ duo_account_id: string; duo_account_name: string; confidence: number; reason: string }>;
}

/** Candidates below this are noise and not mentioned at all. */
const MIN_CONFIDENCE = 0.3;

/** How strongly a candidate fits an organization, with the reasons. */
export function scoreCandidate(org: RankOrg, account: RankAccount): { confidence: number; reason: string } {
  const name = orgNameSimilarity(org.name, account.name);
  const reasons = [name.reason];
  let domainStrength = 0;
  const domains = org.email_domains.map((d) => d.toLowerCase());
  if (domains.length > 0 && account.user_email_domains && account.sampled_users) {
    let matches = 0;
    for (const [domain, count] of Object.entries(account.user_email_domains)) {
      if (domains.some((d) => domain === d || domain.endsWith(`.${d}`))) matches += count;
    }
    if (matches > 0) {
      const fraction = matches / account.sampled_users;
      domainStrength = Math.max(domainStrength, 0.6 + 0.3 * fraction);
      reasons.push(`${matches} of ${account.sampled_users} sampled users have email at ${domains.join('/')}`);
    }
  }
  if (domains.length > 0) {
    const accountKey = normalizeOrgName(account.name).tokens.join('');
    const label = domains
      .map((d) => d.split('.')[0] ?? '')
      .find((l) => l.length >= 3 && (accountKey === l || accountKey.includes(l)));
    if (label) {
      domainStrength = Math.max(domainStrength, 0.5);
      reasons.push(`account name contains "${label}" from the organization's email domain`);
    }
  }
  const confidence = Math.round((1 - (1 - name.score) * (1 - domainStrength)) * 100) / 100;
  return { confidence, reason: reasons.join('; ') };
}

/**
 * Proposes one child account per organization: every (organization, account) pair is scored,
 * then pairs are taken best-first so no account goes to two organizations. Accounts held by a
 * manual mapping on this integration are never offered to anyone else.
 */
export function rankMappingSuggestions(integrationId: string, orgs: RankOrg[], accounts: RankAccount[]): MappingSuggestion[] {
  const taken = new Set<string>();
  for (const org of orgs) {
    if (org.integration_id === integrationId && org.duo_account_id && org.mapping_source === 'manual') taken.add(org.duo_account_id);
  }

  const isLocked = (org: RankOrg) =>
    org.mapping_source === 'manual' || (org.integration_id !== null && org.integration_id !== integrationId);

  type Pair = { org: RankOrg; account: RankAccount; confidence: number; reason: string };
  const byOrg = new Map<string, Pair[]>();
  const pairs: Pair[] = [];
  for (const org of orgs) {
    const list: Pair[] = [];
    for (const account of accounts) {
      const { confidence, reason } = scoreCandidate(org, account);
      if (confidence >= MIN_CONFIDENCE) list.push({ org, account, confidence, reason });
    }
    list.sort((x, y) => y.confidence - x.confidence || x.account.name.localeCompare(y.account.name));
    byOrg.set(org.id, list);
    if (!isLocked(org)) pairs.push(...list.filter((p) => !taken.has(p.account.account_id)));
  }

  pairs.sort((x, y) => y.confidence - x.confidence || x.org.name.localeCompare(y.org.name));
  const chosen = new Map<string, Pair>();
  for (const pair of pairs) {
    if (chosen.has(pair.org.id) || taken.has(pair.account.account_id)) continue;
    chosen.set(pair.org.id, pair);
    taken.add(pair.account.account_id);
  }

  return orgs.map((org) => {
    const current =
      org.integration_id && org.duo_account_id
        ? { integration_id: org.integration_id, duo_account_id: org.duo_account_id, mapping_source: org.mapping_source }
        : null;
    const all = byOrg.get(org.id) ?? [];
    const pick = isLocked(org) ? all[0] : chosen.get(org.id);
    const alternatives = all
      .filter((p) => p !== pick)
      .slice(0, 3)
      .map((p) => ({ duo_account_id: p.account.account_id, duo_account_name: p.account.name, confidence: p.confidence, reason: p.reason }));
    let status: MappingSuggestion['status'];
    if (org.mapping_source === 'manual') status = 'manual';
    else if (current && current.integration_id !== integrationId) status = 'mapped_elsewhere';
    else if (!pick) status = 'no_candidate';
    else if (current?.duo_account_id === pick.account.account_id) status = 'unchanged';
    else status = current ? 'change' : 'new';
    return {
      organization_id: org.id,
      organization_name: org.name,
      status,
      duo_account_id: pick?.account.account_id ?? null,
      duo_account_name: pick?.account.name ?? null,
      confidence: pick?.confidence ?? 0,
      reason: pick?.reason ?? 'no child account resembles this organization',
      current,
      alternatives,
    };
  });
}

/**
 * Which accounts are worth sampling users from (one cheap page each): for organizations with email
 * domains, their best few candidates by name and any account whose name contains a domain's label.
 */
export function pickAccountsToSample(orgs: RankOrg[], accounts: RankAccount[], perOrg = 3, cap = 25): string[] {
  const picked = new Set<string>();
  for (const org of orgs) {
    if (org.email_domains.length === 0) continue;
    const ranked = accounts
      .map((a) => ({ id: a.account_id, score: scoreCandidate(org, a).confidence }))
      .sort((x, y) => y.score - x.score)
      .slice(0, perOrg);
    for (const r of ranked) if (r.score > 0) picked.add(r.id);
    if (picked.size >= cap) break;
  }
  return [...picked].slice(0, cap);
}
