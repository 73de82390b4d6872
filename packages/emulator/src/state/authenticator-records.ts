import type { Account, DesktopAuthenticator, DesktopToken, SharedDeviceAuth } from './types.js';

// States exported before these records were modelled lack them; reading one creates it empty.

/** The account's Duo Desktop authenticators by dakey. */
export function desktopAuthenticatorsOf(account: Account): Record<string, DesktopAuthenticator> {
  return (account.desktop_authenticators ??= {});
}

/** The account's shared device authentication configurations by key. */
export function sharedDeviceAuthOf(account: Account): Record<string, SharedDeviceAuth> {
  return (account.shared_device_auth ??= {});
}

/** The account's deprecated desktop tokens by id. */
export function desktopTokensOf(account: Account): Record<string, DesktopToken> {
  return (account.desktop_tokens ??= {});
}
