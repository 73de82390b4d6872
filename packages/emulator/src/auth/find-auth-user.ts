import { failures } from '../duo-result.js';
import { reject } from '../params/read-param.js';
import type { Params } from '../route.js';
import { findUserByName } from '../routes/admin/user-fields.js';
import type { Account, User } from '../state/types.js';

/** Who an Auth API call is about: a known user, or a username Duo has never seen. */
export type AuthUserLookup = { kind: 'user'; user: User } | { kind: 'unknown'; username: string };

/**
 * Resolves `user_id` (which must exist: 400/40002 otherwise) or `username` (matching aliases too;
 * unknown names are left to the new-user policy). Neither given -> 400/40001.
 */
export function findAuthUser(account: Account, params: Params): AuthUserLookup {
  const userId = params.get('user_id');
  if (userId !== undefined && userId !== '') {
    const user = account.users[userId];
    if (!user) reject(failures.invalidParam('user_id'));
    return { kind: 'user', user };
  }
  const username = params.get('username');
  if (username === undefined) reject(failures.missingParam('username'));
  if (username.trim() === '') reject(failures.invalidParam('username'));
  const user = findUserByName(account, username);
  return user ? { kind: 'user', user } : { kind: 'unknown', username };
}
