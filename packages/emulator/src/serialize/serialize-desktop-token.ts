import type { Account, DesktopToken } from '../state/types.js';
import { serializeAuthenticatorUser } from './serialize-authenticator-user.js';

const PLATFORM_DISPLAY: Record<string, string> = { windows: 'Windows', 'mac os x': 'Mac OS X', unknown: 'Unknown' };

/** A desktop token as Duo's Python client documents it: display-cased platform, type `Desktop Token`, its users. */
export function serializeDesktopToken(account: Account, token: DesktopToken): Record<string, unknown> {
  return {
    desktoptoken_id: token.desktoptoken_id,
    name: token.name,
    platform: PLATFORM_DISPLAY[token.platform] ?? token.platform,
    type: 'Desktop Token',
    users: token.user_ids.map((id) => serializeAuthenticatorUser(account.users[id])).filter((u) => u !== null),
  };
}
