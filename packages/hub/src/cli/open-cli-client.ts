import type { OpenedHub } from '../server/open-hub.js';
import type { CliRunContext } from './define-command.js';
import { CliConfigError, readCliConfig, type CliConfig } from './cli-config.js';
import { remoteHubClient, type HubClient } from './hub-client.js';
import { resolveConnection } from './resolve-connection.js';

/** Options every management command accepts. */
export const connectionOptions = [
  { flags: '--url <url>', description: 'talk to a running hub at this URL instead of the local store (or DUOHUB_URL)' },
  { flags: '--token <token>', description: 'API token for --url (or DUOHUB_TOKEN)' },
  { flags: '--profile <name>', description: 'use a hub saved by `duohub login --profile` (or DUOHUB_PROFILE; default: the default profile)' },
  { flags: '--json', description: 'print JSON results for scripts' },
];

/** Something a local-store command starts beside the in-process hub and stops when it closes. */
export type CliCompanion = (hub: OpenedHub['hub']) => Promise<{ stop(): Promise<void> }>;

/**
 * A client for the command: a running hub when `--url`, `--profile`, DUOHUB_URL or a saved default
 * profile says so (see `resolveConnection`), else the store of DUOHUB_DATA_DIR / DATABASE_URL opened
 * in-process, acting as the operator (unlimited admin). `companion` runs beside a local store only
 * (e.g. a job runner); a remote hub runs its own.
 */
export async function openCliClient(
  options: Record<string, unknown>,
  env: Record<string, string | undefined>,
  companion?: CliCompanion,
): Promise<HubClient> {
  const flags = { url: options.url as string | undefined, token: options.token as string | undefined, profile: options.profile as string | undefined };
  let saved: CliConfig = { default_profile: null, profiles: {} };
  let broken: CliConfigError | undefined;
  try {
    saved = await readCliConfig(env);
  } catch (error) {
    if (!(error instanceof CliConfigError)) throw error;
    broken = error;
  }
  let connection;
  try {
    connection = resolveConnection(flags, env, saved);
  } catch (error) {
    throw broken ?? error;
  }
  // A broken config file matters only when it could have chosen the hub: not for --url/DUOHUB_URL
  // with a token, nor when DUOHUB_DATA_DIR/DATABASE_URL points at the local store.
  if (broken && connection.kind === 'local' && !env.DUOHUB_DATA_DIR && !env.DATABASE_URL) throw broken;
  if (connection.kind === 'remote') return remoteHubClient(connection.url, connection.token);
  // The store, the API and their dependencies load only for a local store: a command that talks to
  // a running hub starts without compiling them (see scripts/build-hub.mjs).
  const { openLocalHubClient } = await import('./open-local-hub-client.js');
  return openLocalHubClient(env, companion);
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
