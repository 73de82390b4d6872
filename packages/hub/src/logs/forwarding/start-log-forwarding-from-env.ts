import type { HubContext } from '../../hub-context.js';
import { forwardingOptionsFromEnv } from './forwarding-options.js';
import { startLogForwarding, type LogForwarder } from './log-forwarder.js';

/** `duohub serve`'s log forwarding and alerting, configured from DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE, DUOHUB_LOG_FORWARD_LEASE_MS and DUOHUB_REPLICA_ID. */
export function startLogForwardingFromEnv(hub: HubContext, env: Record<string, string | undefined>): Promise<LogForwarder> {
  return startLogForwarding(hub, forwardingOptionsFromEnv(env));
}
