import { putUser, removeUser } from './user-index.js';
import type { Account, User } from './types.js';

/** A user in the Trash: the record as it was, and when it was trashed (epoch ms). */
export interface TrashedUser {
  user: User;
  trashed_at_ms: number;
}

/** How long Duo keeps trashed users before deleting them for good (7 days). */
export const DEFAULT_TRASH_RETENTION_DAYS = 7;

const DAY_MS = 86_400_000;

/**
 * The account's Trash. Trashed users live outside `account.users`, so every ordinary read (lists,
 * lookups, the Auth API) passes them by without knowing the Trash exists.
 */
export function trashOf(account: Account): Record<string, TrashedUser> {
  account.trash ??= {};
  return account.trash;
}

/** Moves a user to the Trash as `pending deletion`; true when it was an active record. */
export function sendToTrash(account: Account, userId: string, nowMs: number): boolean {
  const user = account.users[userId];
  if (!user) return false;
  removeUser(account, userId);
  trashOf(account)[userId] = { user, trashed_at_ms: nowMs };
  return true;
}

/** Why a trashed user cannot come back, or undefined when it can. */
export type RestoreProblem = 'not_in_trash' | 'name_taken';

/**
 * Puts a trashed user back with its status from before; refused when its username or an alias
 * now belongs to someone else (a user created while it was in the Trash).
 */
export function restoreFromTrash(account: Account, userId: string): RestoreProblem | undefined {
  const trash = trashOf(account);
  const entry = trash[userId];
  if (!entry) return 'not_in_trash';
  const names = new Set([entry.user.username, ...Object.values(entry.user.aliases)].map((n) => n.toLowerCase()));
  for (const other of Object.values(account.users)) {
    const theirs = [other.username, ...Object.values(other.aliases)];
    if (theirs.some((n) => names.has(n.toLowerCase()))) return 'name_taken';
  }
  delete trash[userId];
  putUser(account, entry.user);
  return undefined;
}

/** Deletes for good the users trashed longer ago than `retentionDays`; returns their ids. */
export function purgeTrash(account: Account, nowMs: number, retentionDays: number): string[] {
  const trash = account.trash;
  if (!trash) return [];
  const cutoff = nowMs - retentionDays * DAY_MS;
  const purged = Object.keys(trash).filter((id) => trash[id]!.trashed_at_ms <= cutoff);
  for (const id of purged) delete trash[id];
  return purged;
}
