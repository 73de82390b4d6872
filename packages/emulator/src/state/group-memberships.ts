import type { Account, User } from './types.js';

/**
 * Group memberships live on the users (`group_ids`), as Duo embeds a user's groups in the user;
 * these helpers read and cut them from the group's side so both views stay one truth.
 */

/** The users who belong to a group, in the account's user order. */
export function groupMembers(account: Account, groupId: string): User[] {
  return Object.values(account.users).filter((u) => u.group_ids.includes(groupId));
}

/** Deletes a group and every membership in it; false when there was no such group. */
export function deleteGroup(account: Account, groupId: string): boolean {
  if (!account.groups[groupId]) return false;
  delete account.groups[groupId];
  for (const user of Object.values(account.users)) {
    if (user.group_ids.includes(groupId)) user.group_ids = user.group_ids.filter((id) => id !== groupId);
  }
  return true;
}

/** Whether another group of the account already has this name (case-insensitive, as people read names). */
export function groupNameTaken(account: Account, name: string, exceptGroupId?: string): boolean {
  const wanted = name.trim().toLowerCase();
  return Object.values(account.groups).some((g) => g.group_id !== exceptGroupId && g.name.trim().toLowerCase() === wanted);
}
