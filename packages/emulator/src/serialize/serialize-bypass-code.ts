import type { Account, BypassCode } from '../state/types.js';

/** Bypass-code metadata as Duo lists it; the code itself is never included. */
export function serializeBypassCode(account: Account, code: BypassCode): Record<string, unknown> {
  const user = account.users[code.user_id];
  return {
    admin_email: code.admin_email,
    bypass_code_id: code.bypass_code_id,
    created: code.created,
    expiration: code.expiration,
    reuse_count: code.reuse_count,
    user: user
      ? {
          created: user.created,
          email: user.email,
          last_login: user.last_login,
          realname: user.realname,
          status: user.status,
          user_id: user.user_id,
          username: user.username,
        }
      : null,
  };
}
