import { cliActor } from '../access/actor.js';
import { apiRouteModules } from '../api/api-route-modules.js';
import { createApp } from '../api/create-app.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../log/create-logger.js';
import { SecretScrubber } from '../log/secret-scrubber.js';
import { openHub, type OpenedHub } from '../server/open-hub.js';
import { pino } from 'pino';
import type { CliRunContext } from './define-command.js';
import { inProcessHubClient, remoteHubClient, type HubClient } from './hub-client.js';

/** Options every management command accepts. */
export const connectionOptions = [
  { flags: '--url <url>', description: 'talk to a running hub at this URL instead of the local store (or DUOHUB_URL)' },
  { flags: '--token <token>', description: 'API token for --url (or DUOHUB_TOKEN)' },
  { flags: '--json', description: 'print JSON results for scripts' },
];

/** Something a local-store command starts beside the in-process hub and stops when it closes. */
export type CliCompanion = (hub: OpenedHub['hub']) => Promise<{ stop(): Promise<void> }>;

/**
 * A client for the command: a running hub when `--url` (or DUOHUB_URL) is given, else the store
 * of DUOHUB_DATA_DIR / DATABASE_URL opened in-process, acting as the operator (unlimited admin).
 * `companion` runs beside a local store only (e.g. a job runner); a remote hub runs its own.
 */
export async function openCliClient(
  options: Record<string, unknown>,
  env: Record<string, string | undefined>,
  companion?: CliCompanion,
): Promise<HubClient> {
  const url = (options.url as string | undefined) ?? env.DUOHUB_URL;
  if (url) {
    const token = (options.token as string | undefined) ?? env.DUOHUB_TOKEN;
    if (!token) throw new Error('--url needs --token (or DUOHUB_TOKEN)');
    return remoteHubClient(url, token);
  }
  const config = loadConfig(env);
  const scrubber = new SecretScrubber();
  // Logs go to stderr so stdout stays clean for --json.
  const logger = createLogger({ level: 'warn', scrubber, destination: pino.destination({ dest: 2, sync: true }) });
  const opened = await openHub({ config, logger });
  const started = companion ? await companion(opened.hub) : undefined;
  const app = createApp({ hub: opened.hub, routeModules: apiRouteModules, webDist: null });
  const close = async () => {
    await started?.stop();
    await opened.close();
  };
  return inProcessHubClient((req, bindings) => app.fetch(req, bindings), cliActor, close, opened.hub.store.location);
}

/** Opens the command's client, runs `fn`, and always closes the client (and the store) afterwards. */
export async function withCliClient(ctx: CliRunContext, fn: (client: HubClient) => Promise<number>): Promise<number> {
  const client = await openCliClient(ctx.options, ctx.env);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}
