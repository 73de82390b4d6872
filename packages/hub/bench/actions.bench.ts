/**
 * Action-run overhead benchmark (`npm run bench:actions`; not a test). One catalog action
 * (`info.summary`: one signed Admin API GET) two ways, against the same emulator:
 *   1. direct: the SDK's DuoAdminClient in this process (one client, its own keep-alive pool, no pacing);
 *   2. REST: `POST /api/actions/info.summary/run` to a hub in its own process (token check, credential
 *      resolution, the same SDK call, output validation, audit entry, request log), over one keep-alive
 *      connection from this process.
 *   3. relay (the floor): a bare node:http server in the hub's process making the same SDK call, with
 *      no routing, validation, token, audit or log: what any HTTP front to Duo costs at least.
 * Each at 0 ms and at 50 ms of added Duo latency, the three rotating call by call so that noise hits
 * all alike; REST / relay is the hub's own share, relay / SDK the extra loopback round trip. Then the
 * hub process's CPU per REST run and per relay run (each measured alone), and the TCP connections the
 * hub opened to Duo for 100 action runs, one after another and 10 at a time, against its pool size
 * (connections per origin in one credential set's pool).
 * Emulator, hub and this driver are three processes (the machine should be otherwise quiet).
 * Options: --runs N (300 per mode at 0 ms) --latent-runs N (60 per mode at 50 ms) --latencies LIST (0,50)
 *          --warmup N (50) --connection-runs N (100) --hub-prof DIR (write the hub's CPU profile there)
 * Other Node flags for the hub's process (a GC trace, --single-threaded-gc): DUOHUB_BENCH_HUB_NODE_ARGS="...".
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuoAdminClient } from '@duohub/sdk';
import type { ActionsEmulatorCommand, ActionsEmulatorReply } from './actions-emulator-process.js';
import type { ActionsHubCommand, ActionsHubReply } from './actions-hub-process.js';
import { procMainThreadCpuSeconds } from './hub-process.js';
import { summarizeSamples, type SampleSummary } from './summarize-samples.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    'latent-runs': { type: 'string', default: '60' },
    latencies: { type: 'string', default: '0,50' },
    warmup: { type: 'string', default: '50' },
    'connection-runs': { type: 'string', default: '100' },
    'hub-prof': { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const LATENT_RUNS = Number(args['latent-runs']);
const LATENCIES = args.latencies.split(',').map(Number).filter((n) => n >= 0);
const WARMUP = Number(args.warmup);
const CONNECTION_RUNS = Number(args['connection-runs']);
const RATIO_TARGET = 1.3;

/** A child process answering IPC messages in order. */
function child<Reply extends { type: string }>(file: string, execArgv: string[]) {
  const proc: ChildProcess = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies: Reply[] = [];
  const waiters: Array<(r: Reply) => void> = [];
  proc.on('message', (reply: Reply) => {
    const waiter = waiters.shift();
    if (waiter) waiter(reply);
    else replies.push(reply);
  });
  proc.once('exit', (code) => {
    if (waiters.length > 0) throw new Error(`${file} exited (${code}) while the benchmark waited for it`);
  });
  const next = () => new Promise<Reply>((resolve) => (replies.length ? resolve(replies.shift()!) : waiters.push(resolve)));
  return {
    proc,
    async ask<K extends Reply['type']>(command: object | null, type: K): Promise<Extract<Reply, { type: K }>> {
      if (command) proc.send(command);
      const reply = await next();
      if (reply.type !== type) throw new Error(`${file} answered ${reply.type}, expected ${type}`);
      return reply as Extract<Reply, { type: K }>;
    },
  };
}

const emulator = child<ActionsEmulatorReply>('./actions-emulator-process.ts', []);
const hubProf = [...(args['hub-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['hub-prof']}`] : []), ...(process.env.DUOHUB_BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean)];
const hubChild = child<ActionsHubReply>('./actions-hub-process.ts', hubProf);
const duo = await emulator.ask(null, 'ready');
const hub = await hubChild.ask(null, 'ready');

// One keep-alive connection to the hub, as an API client in a loop would hold; node:http keeps the
// driver's own cost per call small next to what is measured.
const toHub = new Agent({ keepAlive: true, maxSockets: 16 });
function rest(method: string, path: string, body?: unknown, base = hub.url): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      {
        method,
        agent: toHub,
        headers: { authorization: `Bearer ${hub.token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const created = await rest('POST', '/api/integrations', { name: 'bench', base_url: duo.url, admin: duo.admin });
if (created.status !== 201) throw new Error(`integration: ${created.status} ${JSON.stringify(created.body)}`);
const integrationId: string = created.body.id;

const direct = new DuoAdminClient({
  host: duo.admin.api_host,
  ikey: duo.admin.integration_key,
  skey: duo.admin.secret_key,
  baseUrl: duo.url,
  pacing: false,
});

async function viaSdk(): Promise<void> {
  await direct.request('GET', '/admin/v1/info/summary');
}

const relay = await hubChild.ask({ type: 'relay', baseUrl: duo.url, admin: duo.admin } satisfies ActionsHubCommand, 'relay-ready');

async function viaRelay(): Promise<void> {
  const res = await rest('POST', '/run', { input: {} }, relay.url);
  if (res.status !== 200) throw new Error(`relay: ${res.status}`);
}

async function viaRest(): Promise<void> {
  const res = await rest('POST', '/api/actions/info.summary/run', { integration_id: integrationId, input: {} });
  if (res.status !== 200) throw new Error(`action run: ${res.status} ${JSON.stringify(res.body)}`);
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Rotates the three ways call by call (which goes first rotates too), so drift and noise hit all alike. */
async function compare(runs: number): Promise<{ sdk: SampleSummary; rest: SampleSummary; relay: SampleSummary }> {
  const ways = [viaSdk, viaRest, viaRelay];
  for (let i = 0; i < WARMUP; i++) for (const way of ways) await way();
  const samples: number[][] = [[], [], []];
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < 3; k++) {
      const w = (i + k) % 3;
      samples[w]!.push(await timed(ways[w]!));
    }
  }
  return { sdk: summarizeSamples(samples[0]!), rest: summarizeSamples(samples[1]!), relay: summarizeSamples(samples[2]!) };
}

/**
 * The hub process's CPU per call of one way, run alone: CPU time is a figure scheduling noise on a busy
 * machine disturbs far less than wall time.
 */
async function hubCpuPerCall(way: () => Promise<void>, runs: number): Promise<{ all: number; main: number }> {
  const pid = hubChild.proc.pid!;
  const before = await hubChild.ask({ type: 'cpu' } satisfies ActionsHubCommand, 'cpu');
  const mainBefore = await procMainThreadCpuSeconds(pid);
  for (let i = 0; i < runs; i++) await way();
  const after = await hubChild.ask({ type: 'cpu' } satisfies ActionsHubCommand, 'cpu');
  const mainAfter = await procMainThreadCpuSeconds(pid);
  return { all: (after.micros - before.micros) / 1000 / runs, main: ((mainAfter - mainBefore) * 1000) / runs };
}

/** Connections the emulator accepted while `runs` action runs went through the hub, `parallel` at a time. */
async function connectionsFor(runs: number, parallel: number): Promise<number> {
  const before = await emulator.ask({ type: 'connections' } satisfies ActionsEmulatorCommand, 'connections');
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < runs) {
        next++;
        await viaRest();
      }
    }),
  );
  const after = await emulator.ask({ type: 'connections' } satisfies ActionsEmulatorCommand, 'connections');
  return after.accepted - before.accepted;
}

const fmt = (ms: number) => ms.toFixed(3).padStart(8);
try {
  console.log(`action overhead: info.summary through REST (hub process) vs the direct SDK call; emulator ${duo.url}`);
  console.log('latency  way      runs   median      p95     mean   (ms per call)');
  const ratios: Record<number, number> = {};
  for (const latency of LATENCIES) {
    await emulator.ask({ type: 'latency', ms: latency } satisfies ActionsEmulatorCommand, 'latency-set');
    const runs = latency === 0 ? RUNS : LATENT_RUNS;
    const { sdk, rest: viaHub, relay: floor } = await compare(runs);
    for (const [way, s] of [['sdk', sdk], ['relay', floor], ['rest', viaHub]] as const) {
      console.log(`${String(latency).padStart(4)} ms  ${way.padEnd(6)} ${String(runs).padStart(6)} ${fmt(s.median)} ${fmt(s.p95)} ${fmt(s.mean)}`);
    }
    ratios[latency] = viaHub.median / sdk.median;
    console.log(`         REST / SDK (medians): ${ratios[latency]!.toFixed(2)}x; the hub adds ${(viaHub.median - sdk.median).toFixed(3)} ms per action run`);
    console.log(
      `         of which the extra round trip (relay / SDK): ${(floor.median / sdk.median).toFixed(2)}x; the hub's own work (REST / relay): ${(viaHub.median / floor.median).toFixed(2)}x, ${(viaHub.median - floor.median).toFixed(3)} ms`,
    );
    if (latency === 0) {
      const restCpu = await hubCpuPerCall(viaRest, runs);
      const relayCpu = await hubCpuPerCall(viaRelay, runs);
      console.log(
        `         hub process CPU per call (user + system): REST ${restCpu.all.toFixed(3)} ms, relay ${relayCpu.all.toFixed(3)} ms; on its main thread: REST ${restCpu.main.toFixed(3)} ms, relay ${relayCpu.main.toFixed(3)} ms`,
      );
    }
  }
  await emulator.ask({ type: 'latency', ms: 0 } satisfies ActionsEmulatorCommand, 'latency-set');
  const sequential = await connectionsFor(CONNECTION_RUNS, 1);
  const parallel = await connectionsFor(CONNECTION_RUNS, 10);
  console.log(`connections the hub opened to Duo: ${sequential} for ${CONNECTION_RUNS} action runs one after another, ${parallel} for ${CONNECTION_RUNS} runs 10 at a time`);
  console.log(`pool size (connections per Duo host per credential set): ${hub.maxSockets}`);
  if (ratios[0] !== undefined) {
    console.log(`target: REST within ${RATIO_TARGET}x of the SDK at 0 ms -> ${ratios[0] <= RATIO_TARGET ? 'met' : 'NOT met'} (${ratios[0].toFixed(2)}x)`);
  }
  const worst = Math.max(sequential, parallel);
  console.log(`target: connections for ${CONNECTION_RUNS} runs at most the pool size -> ${worst <= hub.maxSockets ? 'met' : 'NOT met'} (${worst} <= ${hub.maxSockets})`);
} finally {
  direct.close();
  toHub.destroy();
  hubChild.proc.send({ type: 'close' } satisfies ActionsHubCommand);
  emulator.proc.send({ type: 'close' } satisfies ActionsEmulatorCommand);
  await Promise.all([hubChild.proc, emulator.proc].map((p) => new Promise((resolve) => (p.exitCode !== null ? resolve(null) : p.once('exit', resolve)))));
}
