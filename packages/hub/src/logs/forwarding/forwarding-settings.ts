import type { HubContext } from '../../hub-context.js';

/** What the destination routes need to know about this hub's forwarding (the SSRF setting). */
export interface ForwardingSettings {
  allowPrivate: boolean;
}

const settings = new WeakMap<HubContext, ForwardingSettings>();

/** Sets this hub's forwarding settings (the forwarder does it at start; tests do it directly). */
export function useForwardingSettings(hub: HubContext, value: ForwardingSettings): void {
  settings.set(hub, value);
}

/**
 * This hub's forwarding settings: those set by its forwarder, else the environment's
 * DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE (a CLI on the store runs no forwarder but validates the same way).
 */
export function forwardingSettingsOf(hub: HubContext): ForwardingSettings {
  const set = settings.get(hub);
  if (set) return set;
  const env = process.env.DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE?.trim().toLowerCase();
  return { allowPrivate: env === '1' || env === 'true' || env === 'yes' };
}
