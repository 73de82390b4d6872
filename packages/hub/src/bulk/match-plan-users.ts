import type { PlanUser } from './action-user-fields.js';

/** How a list of names matched one organization's users. */
export interface UserNameMatch {
  /** The matched users, each once, in the order their names were given. */
  users: PlanUser[];
  /** Names (as given) that matched exactly one user here. */
  found: string[];
  /** Names that matched several users here (an email shared by two accounts), with how many. */
  ambiguous: Array<{ name: string; count: number }>;
}

/**
 * Matches usernames, aliases or emails against one organization's users, ignoring case as Duo does
 * (pure). A name naming several users is ambiguous and selects none of them: a bulk change must
 * not guess whom it was meant for.
 */
export function matchPlanUsers(users: readonly PlanUser[], names: readonly string[]): UserNameMatch {
  const index = new Map<string, Map<string, PlanUser>>();
  const add = (key: string | null, user: PlanUser) => {
    if (!key) return;
    const k = key.trim().toLowerCase();
    let hits = index.get(k);
    if (!hits) index.set(k, (hits = new Map()));
    hits.set(user.user_id, user);
  };
  for (const u of users) {
    add(u.username, u);
    add(u.email, u);
    for (const a of u.aliases) add(a, u);
  }
  const out: UserNameMatch = { users: [], found: [], ambiguous: [] };
  const seen = new Set<string>();
  for (const name of names) {
    const hits = index.get(name.trim().toLowerCase());
    if (!hits || hits.size === 0) continue;
    if (hits.size > 1) {
      out.ambiguous.push({ name, count: hits.size });
      continue;
    }
    const [user] = hits.values();
    out.found.push(name);
    if (!seen.has(user!.user_id)) {
      seen.add(user!.user_id);
      out.users.push(user!);
    }
  }
  return out;
}

/** Names without repeats, ignoring case and surrounding space (pure). */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
