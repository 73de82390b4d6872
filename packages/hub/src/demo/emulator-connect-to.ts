import type { EmulatorCredentials } from '@duohub/emulator';

/**
 * A `DuoConnectOptions.connectTo` that sends every API hostname the emulator knows (each account's
 * and each integration's) to the emulator's origin, like curl's --connect-to. `credentials` is read
 * on every call, so child accounts created later through the Accounts API are routed too.
 */
export function emulatorConnectTo(credentials: () => EmulatorCredentials, origin: string): (host: string) => string | undefined {
  return (host) => {
    const wanted = host.toLowerCase();
    for (const account of credentials().accounts) {
      if (account.api_hostname.toLowerCase() === wanted) return origin;
      if (account.integrations.some((i) => i.api_hostname.toLowerCase() === wanted)) return origin;
    }
    return undefined;
  };
}
