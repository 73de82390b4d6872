/**
 * SDK benchmark: signed requests per second against the emulator over a real port (keep-alive
 * against a baseline without it, in the same run), and the time and peak memory to stream
 * 100,000 users. The emulator runs in its own process, so the memory figures are the client's.
 *
 * Request rates are measured in interleaved rounds (keep-alive, baseline, keep-alive, ...) and the
 * median of each is reported: on a shared machine one round says little.
 *
 * Run from the repository root: `npm run bench` (options: BENCH_REQUESTS, BENCH_USERS,
 * BENCH_INFLIGHT, BENCH_ROUNDS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildSignedRequest, DuoAdminClient, DuoAuthClient, type DuoClientOptions } from '../src/index.js';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 4000);
const USERS = Number(process.env['BENCH_USERS'] ?? 100_000);
const IN_FLIGHT = Number(process.env['BENCH_INFLIGHT'] ?? 8);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

interface Credentials {
  url: string;
  accounts: Array<{
    account_id: string;
    parent_id: string | null;
    integrations: Array<{ type: string; integration_key: string; secret_key: string; api_hostname: string }>;
  }>;
}

// A forced GC before each memory measurement makes "peak minus baseline" comparable between runs.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function startEmulator(): Promise<{ child: ChildProcess; creds: Credentials }> {
  const bin = fileURLToPath(new URL('../../emulator/bin/duohub-emulator.js', import.meta.url));
  const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1', '--seed', `fleet:1x${USERS}`, '--print-credentials'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const creds = await new Promise<Credentials>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        resolve(JSON.parse(out) as Credentials);
      } catch {
        // The JSON is not complete yet.
      }
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${err.slice(0, 500)}`)));
  });
  return { child, creds };
}

function optionsFor(creds: Credentials, type: 'admin' | 'auth', extra: Partial<DuoClientOptions> = {}): DuoClientOptions {
  const account = creds.accounts.find((a) => a.parent_id !== null)!;
  const integration = account.integrations.find((i) => i.type === type)!;
  return {
    host: integration.api_hostname,
    ikey: integration.integration_key,
    skey: integration.secret_key,
    baseUrl: creds.url,
    pacing: false,
    ...extra,
  };
}

interface Rate {
  perSec: number;
  p50: number;
  p99: number;
  cpuUs: number;
}

/** The run with the median rate (its latencies and CPU come with it). */
function median(runs: Rate[]): Rate {
  return [...runs].sort((a, b) => a.perSec - b.perSec)[Math.floor(runs.length / 2)]!;
}

async function throughput(options: DuoClientOptions, count: number): Promise<Rate> {
  const auth = new DuoAuthClient(options);
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const t0 = performance.now();
      await auth.check();
      latencies.push(performance.now() - t0);
    }
  };
  // Warm up connections and JIT outside the measurement.
  for (let i = 0; i < 50; i++) await auth.check();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  auth.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { perSec: count / seconds, p50: pct(0.5), p99: pct(0.99), cpuUs: (used.user + used.system) / count };
}

function signingRate(options: DuoClientOptions): number {
  const n = 20_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    buildSignedRequest({
      method: 'GET',
      host: options.host,
      path: '/admin/v1/users',
      params: { limit: 300, offset: i },
      sigVersion: 5,
      ikey: options.ikey,
      skey: options.skey,
      date: new Date(),
    });
  }
  return n / ((performance.now() - start) / 1000);
}

interface StreamResult {
  seconds: number;
  /** Client CPU (this process), seconds. */
  cpuSeconds: number;
  users: number;
  pages: number;
  peakHeapMb: number;
  peakRssMb: number;
}

async function stream(options: DuoClientOptions, concurrency: number, collect: boolean): Promise<StreamResult> {
  const admin = new DuoAdminClient(options);
  gc();
  const base = process.memoryUsage();
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed - base.heapUsed);
    peakRss = Math.max(peakRss, m.rss - base.rss);
  };
  const timer = setInterval(sample, 10);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let users = 0;
  let pages = 0;
  const kept: unknown[] = [];
  for await (const page of admin.users.list({ concurrency }).pages()) {
    pages++;
    users += page.items.length;
    if (collect) kept.push(...page.items);
    sample();
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  sample();
  admin.close();
  kept.length = 0;
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, users, pages, peakHeapMb: peakHeap / 2 ** 20, peakRssMb: peakRss / 2 ** 20 };
}

function table(title: string, head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ');
  return [title, line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const f = (n: number, digits = 0) => n.toFixed(digits);
  const t0 = performance.now();
  const { child, creds } = await startEmulator();
  const ready = ((performance.now() - t0) / 1000).toFixed(1);
  try {
    const auth = optionsFor(creds, 'auth');
    const keepAliveRuns: Rate[] = [];
    const freshRuns: Rate[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      keepAliveRuns.push(await throughput(auth, REQUESTS));
      freshRuns.push(await throughput({ ...auth, keepAlive: false }, REQUESTS));
    }
    const keepAlive = median(keepAliveRuns);
    const fresh = median(freshRuns);
    const spread = (runs: Rate[]) => `${f(Math.min(...runs.map((r) => r.perSec)))}-${f(Math.max(...runs.map((r) => r.perSec)))}`;
    const signs = signingRate(auth);

    const admin = optionsFor(creds, 'admin');
    const sequential = await stream(admin, 1, false);
    const concurrent = await stream(admin, 4, false);
    const collected = await stream(admin, 4, true);

    console.log(
      `duohub SDK benchmark - Node ${process.version}, ${cpus().length} CPUs, emulator in a child process (fleet 1 x ${USERS}, ready in ${ready} s)\n`,
    );
    console.log(
      table(
        `Signed requests over a real port: GET /auth/v2/check, ${REQUESTS} requests x ${ROUNDS} rounds, ${IN_FLIGHT} in flight (medians)`,
        ['transport', 'req/s', 'range', 'p50 ms', 'p99 ms', 'client CPU us/req', 'req/s ratio', 'CPU ratio'],
        [
          [
            'keep-alive (default)',
            f(keepAlive.perSec),
            spread(keepAliveRuns),
            f(keepAlive.p50, 2),
            f(keepAlive.p99, 2),
            f(keepAlive.cpuUs),
            `${f(keepAlive.perSec / fresh.perSec, 2)}x`,
            `${f(keepAlive.cpuUs / fresh.cpuUs, 2)}x`,
          ],
          ['no keep-alive (baseline)', f(fresh.perSec), spread(freshRuns), f(fresh.p50, 2), f(fresh.p99, 2), f(fresh.cpuUs), '1.00x', '1.00x'],
        ],
      ),
    );
    console.log(`  (signing alone, buildSignedRequest v5: ${f(signs)} per second on one core)\n`);
    const streamRow = (name: string, r: StreamResult, ratio: string) => [
      name,
      `${r.users}`,
      `${r.pages}`,
      f(r.seconds, 2),
      f(r.cpuSeconds, 2),
      f(r.users / r.seconds),
      f(r.peakHeapMb, 1),
      f(r.peakRssMb, 1),
      ratio,
    ];
    console.log(
      table(
        `Streaming ${USERS} users (GET /admin/v1/users, 300 per page, keep-alive, pacing off)`,
        ['mode', 'users', 'pages', 'seconds', 'client CPU s', 'users/s', 'peak heap MB', 'peak RSS MB', 'speed'],
        [
          streamRow('for await, sequential', sequential, '1.00x'),
          streamRow('for await, concurrency 4', concurrent, `${f(sequential.seconds / concurrent.seconds, 2)}x`),
          streamRow('toArray-like (holds all)', collected, `${f(sequential.seconds / collected.seconds, 2)}x`),
        ],
      ),
    );
    console.log('  (peak heap/RSS: growth over the value before the run, after a forced GC; the last row keeps every user to show the contrast)');
    console.log('  (client CPU well below wall time means the emulator, not the SDK, sets the pace)');
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

await main();
