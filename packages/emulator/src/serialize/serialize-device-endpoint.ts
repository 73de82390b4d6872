import type { EndpointRecord } from '../state/device-records.js';

/** An endpoint as the Admin API lists it: the stored record, copied so callers cannot change state. */
export function serializeDeviceEndpoint(endpoint: EndpointRecord): Record<string, unknown> {
  return {
    ...endpoint,
    browsers: endpoint.browsers.map((b) => ({ ...b })),
    security_agents: endpoint.security_agents.map((a) => ({ ...a })),
  };
}
