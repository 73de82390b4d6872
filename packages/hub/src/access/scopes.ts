/** What a token may do: `read`, `operate` (run actions; includes read), `admin` (manage; includes both). */
export type Scope = 'read' | 'operate' | 'admin';

/** Every scope, weakest first. */
export const SCOPES: readonly Scope[] = ['read', 'operate', 'admin'];

const RANK: Record<Scope, number> = { read: 0, operate: 1, admin: 2 };

/** Whether a token holding `granted` may do something that needs `needed` (scopes are ranked). */
export function scopeSatisfies(granted: readonly string[], needed: Scope): boolean {
  return granted.some((s) => (SCOPES as readonly string[]).includes(s) && RANK[s as Scope] >= RANK[needed]);
}

/** The scopes a set implies, deduplicated and ordered, e.g. `['admin']` -> `['read','operate','admin']`. */
export function expandScopes(granted: readonly string[]): Scope[] {
  return SCOPES.filter((s) => scopeSatisfies(granted, s));
}
