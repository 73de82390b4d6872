import type { Account, User } from './types.js';

// Object.values() over a 100,000-key record costs ~60 ms (V8 orders dictionary-mode keys on every
// call), which made each page of a large users list O(n). The ordered list is kept per `users`
// record instead, and stays valid as long as membership changes go through putUser/removeUser.
// importState and reset swap in new records, so their lists are rebuilt on first use.
const ordered = new WeakMap<Record<string, User>, User[]>();

/** The account's users in insertion order (Duo's list order here); do not mutate the array. */
export function usersInOrder(account: Account): readonly User[] {
  let list = ordered.get(account.users);
  if (list === undefined) {
    list = Object.values(account.users);
    ordered.set(account.users, list);
  }
  return list;
}

/** Adds a user to the account (or replaces the record with the same id), keeping the order index current. */
export function putUser(account: Account, user: User): void {
  const list = ordered.get(account.users);
  const previous = account.users[user.user_id];
  account.users[user.user_id] = user;
  if (list === undefined) return;
  if (previous === undefined) list.push(user);
  else ordered.delete(account.users);
}

/** Removes a user from the account; true when it was there. */
export function removeUser(account: Account, userId: string): boolean {
  if (account.users[userId] === undefined) return false;
  delete account.users[userId];
  ordered.delete(account.users);
  return true;
}
