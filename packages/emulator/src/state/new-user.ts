import { newId } from './ids.js';
import { blankUser } from './blank-user.js';
import type { Account, User } from './types.js';

/** A new active, unenrolled user with a fresh id unique in `account` (not yet added to it). */
export function newUser(account: Account, username: string, random: () => number, nowMs: number): User {
  let userId = newId('DU', random);
  while (account.users[userId]) userId = newId('DU', random);
  return blankUser({ user_id: userId, username, created: Math.floor(nowMs / 1000) });
}
