const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A 20-character key in Duo's id style for authenticator records: `WA` WebAuthn credential, `DE`
 * desktop authenticator, `DS` shared device configuration, `DT` desktop token, `DI` an integration
 * key (a Trusted Endpoints management integration, which the emulator does not model). Duo documents no
 * prefixes for these; the prefixes only keep ids readable in tests. Unique within `taken`.
 */
export function newAuthenticatorKey(prefix: 'WA' | 'DE' | 'DS' | 'DT' | 'DI', random: () => number, taken: (key: string) => boolean): string {
  for (;;) {
    let key = prefix;
    while (key.length < 20) key += ALNUM[Math.floor(random() * ALNUM.length)];
    if (!taken(key)) return key;
  }
}
