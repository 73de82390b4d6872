import type { User } from '../state/types.js';

/** The short user Duo embeds in an authenticator; null when the owner is gone. */
export function serializeAuthenticatorUser(user: User | undefined): Record<string, unknown> | null {
  if (!user) return null;
  return {
    created: user.created,
    email: user.email,
    last_login: user.last_login,
    realname: user.realname,
    status: user.status,
    user_id: user.user_id,
    username: user.username,
  };
}
