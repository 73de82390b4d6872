import type { DuoCaller } from '../duo-caller.js';
import { duoId } from '../schemas/common.js';
import { findUser } from '../users/find-user.js';
import { username } from '../users/user-fields.js';

/** Input naming a user by id or by username (exactly one). */
export const userRefInput = {
  user_id: duoId('user').optional(),
  username: username.optional().describe('Duo username (instead of user_id)'),
};

/** Rejects inputs naming no user or both ways at once. */
export function oneUserRef(v: { user_id?: string | undefined; username?: string | undefined }): boolean {
  return (v.user_id === undefined) !== (v.username === undefined);
}

/** Message and path for the `oneUserRef` refinement. */
export const oneUserRefIssue = { message: 'give exactly one of user_id or username', path: ['user_id'] };

/** The user id and username a reference points at (looks the username up when needed). */
export async function resolveUserRef(
  client: DuoCaller,
  ref: { user_id?: string | undefined; username?: string | undefined },
): Promise<{ user_id: string; username: string | undefined }> {
  if (ref.user_id) return { user_id: ref.user_id, username: ref.username };
  const user = await findUser(client, { username: ref.username ?? '' });
  return { user_id: String(user['user_id']), username: String(user['username']) };
}
