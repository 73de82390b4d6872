import type { Account, EmulatorState, User } from '../state/types.js';
import { serializeUser } from './serialize-user.js';

/** Writes seen per state: a cached user's JSON is good while the count it was made at still stands. */
const versions = new WeakMap<EmulatorState, number>();
const cache = new WeakMap<User, { version: number; json: string }>();
/** Whole pages per account, by their first user and length (the list's order only changes on a write). */
const pages = new WeakMap<Account, Map<string, { version: number; json: string }>>();

/** Invalidates every cached user JSON of `state` (any write through the API, reset, import). */
export function stateChanged(state: EmulatorState): void {
  versions.set(state, (versions.get(state) ?? 0) + 1);
}

/** A user's Admin API JSON, from the cache when nothing was written since it was made. */
export function userJson(state: EmulatorState, account: Account, user: User): string {
  const version = versions.get(state) ?? 0;
  const hit = cache.get(user);
  if (hit && hit.version === version) return hit.json;
  const json = JSON.stringify(serializeUser(account, user));
  cache.set(user, { version, json });
  return json;
}

/**
 * A page of users as one JSON array, from the cache when nothing was written since it was made: a
 * fleet scan reads the same pages run after run, and joining 300 users' JSON into one string each
 * time was the emulator's largest cost (it shares the benchmark machine's cores with the hub).
 */
export function usersPageJson(state: EmulatorState, account: Account, users: readonly User[]): string {
  const version = versions.get(state) ?? 0;
  let byPage = pages.get(account);
  if (!byPage) pages.set(account, (byPage = new Map()));
  const key = users.length === 0 ? '' : `${users[0]!.user_id}|${users.length}`;
  const hit = byPage.get(key);
  if (hit && hit.version === version) return hit.json;
  const json = `[${users.map((u) => userJson(state, account, u)).join(',')}]`;
  byPage.set(key, { version, json });
  return json;
}
