/**
 * The actions benchmark's hub: `duohub serve` as run-serve wires it (openHub + startServer, JSON logs
 * through pino's asynchronous destination, here /dev/null) on a fresh data dir, with one change: Duo's
 * published rate budgets are lifted (pacing stays in the pipeline, it just never waits), so the figures
 * are the hub's own overhead rather than 300 calls a minute. Reports `ready` with its URL and admin token
 * over IPC, answers `cpu` with its CPU time so far, and stops on `close`.
 *
 * `relay` starts the floor the benchmark compares against: a bare node:http server in this same process
 * that reads a JSON body and makes the same SDK call with one unpaced client (no routing, validation,
 * token, audit or log). Any HTTP front to Duo pays at least that: one more loopback round trip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { DuoAdminClient } from '@duohub/sdk';
import { ensureBootstrapToken } from '../src/access/token-service.js';
import { loadConfig } from '../src/config/load-config.js';
import { PacerRegistry } from '../src/integrations/duo-connect-options.js';
import { openHub } from '../src/server/open-hub.js';
import { startServer } from '../src/server/start-server.js';

/** Messages the benchmark sends. */
export type ActionsHubCommand =
  | { type: 'cpu' }
  | { type: 'relay'; baseUrl: string; admin: { api_host: string; integration_key: string; secret_key: string } }
  | { type: 'close' };

/** Messages this process sends back; `cpu` is this process's user + system CPU time so far, microseconds. */
export type ActionsHubReply =
  | { type: 'ready'; url: string; token: string; maxSockets: number }
  | { type: 'cpu'; micros: number }
  | { type: 'relay-ready'; url: string };

const TOKEN = 'dh_bench_actions_token_0123456789abcdefABCDEF';
const UNPACED = Infinity;

const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-bench-actions-'));
const config = loadConfig({ DUOHUB_DATA_DIR: dataDir, DUOHUB_ADMIN_TOKEN: TOKEN, DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: 'true' });
const opened = await openHub({
  config,
  logDestination: pino.destination({ dest: '/dev/null', sync: false }),
  duo: {
    pacers: new PacerRegistry({
      rates: { admin_modify: UNPACED, admin_get_one: UNPACED, admin_get_page: UNPACED, admin_get_all: UNPACED, admin_logs: UNPACED, accounts: UNPACED, auth: UNPACED },
    }),
  },
});
await ensureBootstrapToken(opened.hub, config.adminToken);
const server = await startServer({ hub: opened.hub, port: 0, host: '127.0.0.1' });
process.send?.({ type: 'ready', url: server.url, token: TOKEN, maxSockets: opened.hub.duo.pools?.maxSockets ?? 0 } satisfies ActionsHubReply);

let relay: { server: Server; client: DuoAdminClient } | undefined;

/** The floor: body in, one SDK call, JSON out. */
async function startRelay(baseUrl: string, admin: { api_host: string; integration_key: string; secret_key: string }): Promise<string> {
  const client = new DuoAdminClient({ host: admin.api_host, ikey: admin.integration_key, skey: admin.secret_key, baseUrl, pacing: false });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      client.request('GET', '/admin/v1/info/summary').then(
        (output) => {
          const body = JSON.stringify({ action: 'info.summary', dry_run: false, output });
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
        },
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay = { server, client };
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

process.on('message', async (command: ActionsHubCommand) => {
  if (command.type === 'relay') {
    process.send?.({ type: 'relay-ready', url: await startRelay(command.baseUrl, command.admin) } satisfies ActionsHubReply);
    return;
  }
  if (command.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', micros: user + system } satisfies ActionsHubReply);
    return;
  }
  relay?.client.close();
  relay?.server.closeAllConnections();
  relay?.server.close();
  await server.close(100);
  await opened.close();
  await rm(dataDir, { recursive: true, force: true });
  process.disconnect?.();
});
