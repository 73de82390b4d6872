import type { Account, EmulatorState, User } from '../state/types.js';
import { serializeUser } from './serialize-user.js';

/** Writes seen per state: a cached user's JSON is good while the count it was made at still stands. */
const versions = new WeakMap<EmulatorState, number>();
const cache = new WeakMap<User, { version: number; json: string }>();

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
