import { pino } from 'pino';
import { cliActor } from '../access/actor.js';
import { apiRouteModules } from '../api/api-route-modules.js';
import { createApp } from '../api/create-app.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../log/create-logger.js';
import { SecretScrubber } from '../log/secret-scrubber.js';
import { heapFloorFromEnv, startHeapGovernor } from '../server/heap-governor.js';
import { openHub } from '../server/open-hub.js';
import { inProcessHubClient, type HubClient } from './hub-client.js';
import type { CliCompanion } from './open-cli-client.js';

/**
 * The store of DUOHUB_DATA_DIR / DATABASE_URL opened in this process, with the API in front of it,
 * acting as the operator; `companion` (a job runner) runs beside it until the client closes, under
 * the soft heap limit `duohub serve` keeps (DUOHUB_HEAP_TARGET_MB, see heap-governor.ts): the runner
 * scans as a hub does, and without it a coverage run of 100 accounts x 2,500 users on the local store
 * peaked at 350-380 MB resident.
 */
export async function openLocalHubClient(env: Record<string, string | undefined>, companion?: CliCompanion): Promise<HubClient> {
  const config = loadConfig(env);
  const heapFloor = companion ? heapFloorFromEnv(env) : undefined;
  const scrubber = new SecretScrubber();
  // Logs go to stderr so stdout stays clean for --json.
  const logger = createLogger({ level: 'warn', scrubber, destination: pino.destination({ dest: 2, sync: true }) });
  const opened = await openHub({ config, logger });
  const started = companion ? await companion(opened.hub) : undefined;
  const governor = heapFloor === undefined ? undefined : startHeapGovernor({ floorBytes: heapFloor });
  const app = createApp({ hub: opened.hub, routeModules: apiRouteModules, webDist: null });
  const close = async () => {
    governor?.stop();
    await started?.stop();
    await opened.close();
  };
  return inProcessHubClient((req, bindings) => app.fetch(req, bindings), cliActor, close, opened.hub.store.location);
}
