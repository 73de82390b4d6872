import type { User } from './types.js';

/** A user record with Duo's defaults (active, unenrolled, no aliases or devices) under the given fields. */
export function blankUser(init: Pick<User, 'user_id' | 'username' | 'created'> & Partial<User>): User {
  return {
    realname: '',
    firstname: '',
    lastname: '',
    email: '',
    status: 'active',
    lockout_reason: null,
    notes: '',
    last_login: null,
    last_directory_sync: null,
    external_id: null,
    enable_auto_prompt: true,
    aliases: {},
    phone_ids: [],
    token_ids: [],
    group_ids: [],
    webauthn: [],
    ...init,
  };
}
