import { isDuoId, type DuoAdminClient } from '@duohub/sdk';
import { z } from 'zod';
import { duoId } from '../schemas/common.js';
import { username } from '../users/user-fields.js';

/** Any reference to a user as people type it: a Duo user id, a username, an alias or an email. */
export const userReference = username
  .describe('The user: a Duo user id (DU...), a username, an alias or an email address')
  .optional();

/**
 * Input naming a user (exactly one of these): `user_id`, `username` (or alias), `email`, or
 * `user` (any of those; resolved through Duo's list filters). Spread it into an action's input.
 */
export const userRefInput = {
  user_id: duoId('user').optional(),
  username: username.optional().describe('Duo username or alias (instead of user_id)'),
  email: z.email().optional().describe("The user's email address (instead of user_id)"),
  user: userReference,
};

/** The fields of `userRefInput`, for inputs that need to know which one was given. */
export const USER_REF_FIELDS = ['user_id', 'username', 'email', 'user'] as const;

/** A user reference as an action receives it. */
export type UserRef = { [K in (typeof USER_REF_FIELDS)[number]]?: string | undefined };

/** Rejects inputs naming no user or naming one in several ways at once. */
export function oneUserRef(v: UserRef): boolean {
  return USER_REF_FIELDS.filter((k) => v[k] !== undefined).length === 1;
}

/** Message and path for the `oneUserRef` refinement. */
export const oneUserRefIssue = { message: 'give exactly one of user_id, username, email or user', path: ['user_id'] };

/**
 * The user id (and username, when a lookup found it) a reference points at. An id, or an
 * id-shaped `user`, is used as is (Duo's own 404 answers an unknown one, with no extra call);
 * names and emails are resolved with the SDK's `users.resolve`, whose DuoReferenceError becomes
 * `not_found` or `reference_ambiguous` naming the field.
 */
export async function resolveUserRef(client: DuoAdminClient, ref: UserRef): Promise<{ user_id: string; username: string | undefined }> {
  if (ref.user_id) return { user_id: ref.user_id, username: ref.username };
  if (ref.user !== undefined && isDuoId(ref.user, 'DU')) return { user_id: ref.user, username: undefined };
  const reference = ref.username !== undefined ? { username: ref.username } : ref.email !== undefined ? { email: ref.email } : (ref.user ?? '');
  const field = ref.username !== undefined ? 'username' : ref.email !== undefined ? 'email' : 'user';
  const user = await client.users.resolve(reference, { field });
  return { user_id: user.user_id, username: user.username };
}
