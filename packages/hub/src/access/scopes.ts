/**
 * What a token may do: `read`, `operate` (run actions; includes read), `admin` (manage; includes both
 * and `approve`), and `approve` (approve bulk-run plans that require a second person; includes read
 * so the approver can see what they approve). `approve` sits beside the ranking, not in it: an
 * `operate` token cannot approve, or planning and approving would be the same person again.
 */
export type Scope = 'read' | 'operate' | 'admin' | 'approve';

/** The ranked scopes, weakest first. */
const RANKED: readonly Scope[] = ['read', 'operate', 'admin'];

/** Every scope: the ranked ones weakest first, then `approve`. */
export const SCOPES: readonly Scope[] = [...RANKED, 'approve'];

const RANK: Partial<Record<Scope, number>> = { read: 0, operate: 1, admin: 2 };

/** Whether a token holding `granted` may do something that needs `needed` (ranked scopes; admin implies approve; approve implies read). */
export function scopeSatisfies(granted: readonly string[], needed: Scope): boolean {
  if (needed === 'approve') return granted.includes('approve') || scopeSatisfies(granted, 'admin');
  if (needed === 'read' && granted.includes('approve')) return true;
  const rank = RANK[needed]!;
  return granted.some((s) => RANK[s as Scope] !== undefined && RANK[s as Scope]! >= rank);
}

/**
 * The scopes a set implies, deduplicated and ordered, e.g. `['admin']` -> `['read','operate','admin']`.
 * `approve` is listed only when granted by name (admin still satisfies it, see `scopeSatisfies`).
 */
export function expandScopes(granted: readonly string[]): Scope[] {
  const ranked = RANKED.filter((s) => scopeSatisfies(granted, s));
  return granted.includes('approve') ? [...ranked, 'approve'] : ranked;
}
