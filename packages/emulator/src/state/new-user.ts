import { newId } from './ids.js';
import type { Account, User } from './types.js';

/** A new active, unenrolled user with a fresh id unique in `account` (not yet added to it). */
export function newUser(account: Account, username: string, random: () => number, nowMs: number): User {
  let userId = newId('DU', random);
  while (account.users[userId]) userId = newId('DU', random);
  return {
    user_id: userId,
    username,
    realname: '',
    firstname: '',
    lastname: '',
    email: '',
    status: 'active',
    lockout_reason: null,
    notes: '',
    created: Math.floor(nowMs / 1000),
    last_login: null,
    last_directory_sync: null,
    external_id: null,
    enable_auto_prompt: true,
    aliases: {},
    phone_ids: [],
    token_ids: [],
    group_ids: [],
    webauthn: [],
  };
}
