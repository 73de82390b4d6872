import type { DuoConnectOptions } from './duo-connect-options.js';

/**
 * Where a call for `host` connects: the stored base URL when there is one, else the hub's
 * connect-to mapping (the demo's emulator), else undefined (the SDK connects to `https://<host>`).
 * The signed host stays `host` either way.
 */
export function duoOrigin(duo: Pick<DuoConnectOptions, 'connectTo'>, host: string, baseUrl: string | null | undefined): string | undefined {
  if (baseUrl) return baseUrl;
  return duo.connectTo?.(host.toLowerCase());
}
