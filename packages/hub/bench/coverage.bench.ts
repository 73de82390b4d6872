/**
 * MFA coverage benchmark (`npm run bench:coverage`; not a test). One emulator fleet, in its own
 * process over a real port, scanned three ways:
 *   1. duohub under Duo-like conditions: fixed latency and a per-account token bucket on page reads;
 *   2. duohub with latency and limits off (what the machine alone allows);
 *   3. the plain approach (accounts and pages one after another, Duo's 1 -> 32 s backoff on 429).
 * Runs 1 and 2 alternate --repeat times (default 3) and the medians are reported, since the machine is shared.
 * `npm run bench:coverage` runs it bundled under plain Node (scripts/run-bundled.mjs), as built code runs:
 * tsx's loader thread alone would add about 45 MB to the memory figure.
 * Options: --accounts N (40) --users N (2500) --latency MS (50) --rate PER_MIN (200) --burst N (5)
 *          --repeat N (3) --plain-accounts N (all; measure a subset and extrapolate) --skip-plain
 *          --max-bodies N (answers read at once, the SDK's maxBodiesReading; 0 = unlimited; default 8)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuoAccountsClient, Pacer, type DuoClientOptions } from '@duohub/sdk';
import type { FaultRule, RateLimitOptions } from '@duohub/emulator';
import { scanFleet, type FleetCoverage } from '../src/reports/mfa-coverage/index.js';
import type { EmulatorCommand, EmulatorReply } from './emulator-process.js';
import { sampleMemory, type MemoryPeak } from './memory-sampler.js';
import { plainScan, type PlainRun } from './plain-scan.js';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '40' },
    users: { type: 'string', default: '2500' },
    latency: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
    burst: { type: 'string', default: '5' },
    'plain-accounts': { type: 'string' },
    'skip-plain': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    'page-concurrency': { type: 'string' },
    'account-concurrency': { type: 'string' },
    'max-sockets': { type: 'string', default: '512' },
    'max-bodies': { type: 'string', default: '8' },
    repeat: { type: 'string', default: '3' },
    'margin-ms': { type: 'string', default: '0' },
  },
});
const ACCOUNTS = Number(args.accounts);
const USERS = Number(args.users);
const LATENCY_MS = Number(args.latency);
const RATE = Number(args.rate);
const BURST = Number(args.burst);
const PLAIN_ACCOUNTS = Math.min(ACCOUNTS, Number(args['plain-accounts'] ?? ACCOUNTS));
const MB = 1024 * 1024;

// ---- the emulator process -------------------------------------------------------------------
const child: ChildProcess = fork(fileURLToPath(new URL('./emulator-process.ts', import.meta.url)), [String(ACCOUNTS), String(USERS), args.seed], {
  // The emulator stands in for Duo's servers, which do not stall on a fleet this size: a large young
  // generation keeps its garbage collector from pausing answers (it holds 100,000 users in memory).
  execArgv: ['--expose-gc', '--max-semi-space-size=64', '--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const replies: EmulatorReply[] = [];
const waiters: Array<(r: EmulatorReply) => void> = [];
child.on('message', (reply: EmulatorReply) => {
  const waiter = waiters.shift();
  if (waiter) waiter(reply);
  else replies.push(reply);
});
const next = () => new Promise<EmulatorReply>((resolve) => (replies.length ? resolve(replies.shift()!) : waiters.push(resolve)));
const ask = async <K extends EmulatorReply['type']>(command: EmulatorCommand | null, type: K) => {
  if (command) child.send(command);
  const reply = await next();
  if (reply.type !== type) throw new Error(`emulator answered ${reply.type}, expected ${type}`);
  return reply as Extract<EmulatorReply, { type: K }>;
};

console.log(`Seeding ${ACCOUNTS} child accounts x ${USERS} users in the emulator process...`);
const ready = await ask(null, 'ready');
console.log(`Emulator ready at ${ready.url} (seeded in ${(ready.seedMs / 1000).toFixed(1)} s)\n`);

const duoLike: { faults: FaultRule[]; rateLimits: RateLimitOptions } = {
  faults: LATENCY_MS > 0 ? [{ latencyMs: LATENCY_MS }] : [],
  rateLimits: { classes: { admin_get_page: { perMinute: RATE, burst: BURST } } },
};
const statuses = async () => (await ask({ type: 'stats' }, 'stats')).statuses;

// Every account has its own api_hostname at Duo; here all accounts share one address and so one
// connection pool, sized by --max-sockets (default 512; the SDK's per-origin default is 32). It must not queue:
// a request held for a socket after the pacer let it go would reach Duo early next to the next one.
const clientOptions = (extra: Partial<DuoClientOptions>): DuoClientOptions => ({
  host: ready.accountsKeys.host,
  ikey: ready.accountsKeys.ikey,
  skey: ready.accountsKeys.skey,
  baseUrl: ready.url,
  maxSockets: Number(args['max-sockets']),
  ...(Number(args['max-bodies']) > 0 ? { maxBodiesReading: Number(args['max-bodies']) } : {}),
  ...extra,
});

async function runDuohub(label: string, options: Partial<DuoClientOptions>, accountIds?: string[]): Promise<{ result: FleetCoverage; wallMs: number; cpuMs: number; memory: MemoryPeak; rateLimited: number; retries: number }> {
  let retries = 0;
  const accounts = new DuoAccountsClient(clientOptions({ ...options, onRetry: () => (retries += 1) }));
  const before = (await statuses())['429'] ?? 0;
  global.gc?.();
  const sampler = sampleMemory(50);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const result = await scanFleet(accounts, {
    accountIds,
    ...(args['page-concurrency'] ? { pageConcurrency: Number(args['page-concurrency']) } : {}),
    ...(args['account-concurrency'] ? { accountConcurrency: Number(args['account-concurrency']) } : {}),
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const memory = sampler.stop();
  accounts.close();
  const rateLimited = ((await statuses())['429'] ?? 0) - before;
  const failed = result.accounts.filter((o) => o.status !== 'ok');
  if (failed.length > 0) throw new Error(`${label}: ${failed.length} accounts failed: ${JSON.stringify(failed[0])}`);
  return { result, wallMs, cpuMs, memory, rateLimited, retries };
}

// ---- warm-up: one account, limits off, so neither process is cold (JIT) in the measured runs ----
await ask({ type: 'configure', faults: [], rateLimits: false }, 'configured');
{
  const probe = new DuoAccountsClient(clientOptions({ pacing: false }));
  const first = (await probe.list())[0]?.account_id;
  probe.close();
  if (first) await runDuohub('warm-up', { pacing: false }, [first]);
}

// ---- 1 and 2, alternating: duohub under Duo-like conditions, then with latency and limits off ----
// The pacer is told the account's budget (the hub's pacing settings); it shares nothing with the
// emulator. Duo's bucket for an account starts refilling when that account's first request arrives,
// which the pacer only knows happened before the answer came back, so it times refill from the first
// answer (AdaptiveBucket's refillFromFirstAnswer). --margin-ms (default 0) keeps extra slack: the burst
// is short by that much of one token's interval.
const MARGIN_MS = Number(args['margin-ms']);
const pacerBurst = BURST - (MARGIN_MS * RATE) / 60_000;
const REPEAT = Math.max(1, Number(args.repeat));
const baselineRss = process.memoryUsage().rss;
type Run = Awaited<ReturnType<typeof runDuohub>>;
const mains: Run[] = [];
const offs: Run[] = [];
for (let i = 0; i < REPEAT; i++) {
  // A fresh limiter and a fresh pacer: every account's bucket starts full, as after a quiet spell at Duo.
  await ask({ type: 'configure', ...duoLike }, 'configured');
  const pacer = new Pacer({ rates: { admin_get_page: RATE }, burst: { admin_get_page: pacerBurst } });
  mains.push(await runDuohub('duohub', { pacing: pacer }));
  await ask({ type: 'configure', faults: [], rateLimits: false }, 'configured');
  offs.push(await runDuohub('duohub (off)', { pacing: false }));
}
const median = (runs: Run[]): Run => [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!;
const main = median(mains);
const off = median(offs);
// Memory is judged on the first run, in a process that has done nothing but a one-account warm-up, as
// a hub starting a fleet run does. Later runs inherit the heap earlier ones grew (V8 keeps freed pages
// for a while, and the limits-off runs read pages several times faster), so their peaks are printed too.
const peaks = mains.map((r) => r.memory.rss);
const firstPeakRss = peaks[0]!;
const seconds = (runs: Run[]) => runs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ');

// ---- 3. the plain approach ------------------------------------------------------------------
let plain: PlainRun | undefined;
if (!args['skip-plain'] && PLAIN_ACCOUNTS > 0) {
  await ask({ type: 'configure', ...duoLike }, 'configured');
  console.log(`Running the plain approach over ${PLAIN_ACCOUNTS} account(s); this takes a while...`);
  const accounts = new DuoAccountsClient(clientOptions({ pacing: false, retry: false }));
  plain = await plainScan(accounts, PLAIN_ACCOUNTS, Date.now());
  accounts.close();
  // The plain script must have found the same users, or the comparison means nothing.
  plain.counts.forEach((counts, i) => {
    const ours = main.result.accounts[i];
    if (ours?.status !== 'ok' || ours.coverage.counts.users !== counts.users || ours.coverage.counts.mfa !== counts.mfa) {
      throw new Error(`plain approach disagrees with duohub on account ${i}`);
    }
  });
}
child.send({ type: 'close' } satisfies EmulatorCommand);
await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2000).unref())]);
if (child.exitCode === null) child.kill();

// ---- figures --------------------------------------------------------------------------------
const ok = main.result.accounts.flatMap((o) => (o.status === 'ok' ? [o.coverage] : []));
const pagesPerAccount = Math.max(...ok.map((c) => c.scan.userPages + c.scan.bypassCodePages));
const userPages = Math.max(...ok.map((c) => c.scan.userPages));
const codePages = Math.max(...ok.map((c) => c.scan.bypassCodePages));
const rtt = LATENCY_MS / 1000;
// Rate: per account, `burst` page reads go at once, then one per 60/rate s; the account list comes
// first (one round trip) and the last page takes one more round trip to come back.
const rateBound = rtt + (Math.max(0, pagesPerAccount - BURST) * 60) / RATE + rtt;
// Latency: three dependent round trips (account list -> first page, which gives the total -> the rest at once).
const latencyBound = (pagesPerAccount > 1 ? 3 : 2) * rtt;
const durationBound = Math.max(rateBound, latencyBound);
// The lower bound: the larger of what latency and limits allow and what this machine needs with
// them off (with them off, what remains is CPU: the emulator serializing and duohub parsing every page).
const machineBound = off.wallMs / 1000;
const lowerBound = Math.max(durationBound, machineBound);
const wall = main.wallMs / 1000;
const plainWall = plain ? (plain.wallMs / 1000) * (ACCOUNTS / plain.accounts) : undefined;
const users = main.result.totals.counts.users;

const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
console.log(`\nMFA coverage benchmark: ${ACCOUNTS} child accounts x ${USERS} users (${users} users counted), ${LATENCY_MS} ms latency,`);
console.log(`page reads limited to ${RATE}/min per account (token bucket, burst ${BURST}); Node ${process.version}\n`);
line('duohub wall time (median)', `${wall.toFixed(2)} s  of ${seconds(mains)} (429s per run: ${mains.map((r) => r.rateLimited).join(', ')}; retries: ${mains.map((r) => r.retries).join(', ')}; duohub's own CPU ${(main.cpuMs / 1000).toFixed(2)} s)`);
line('duohub peak memory (first run)', `rss ${(firstPeakRss / MB).toFixed(0)} MB, heap ${(mains[0]!.memory.heapUsed / MB).toFixed(0)} MB, buffers ${(mains[0]!.memory.arrayBuffers / MB).toFixed(0)} MB (baseline before it ${(baselineRss / MB).toFixed(0)} MB; later runs' peaks ${peaks.slice(1).map((b) => (b / MB).toFixed(0)).join(', ') || 'none'} MB)`);
line('duohub pacing', `${RATE}/min per account, burst ${pacerBurst.toFixed(2)} (a ${MARGIN_MS} ms margin); ${args['max-bodies']} answers read at once`);
line('pages per account', `${pagesPerAccount} (${userPages} of users at 300, ${codePages} of bypass codes at 500)`);
line('rate bound', `${rateBound.toFixed(2)} s = ${rtt}s list + (${pagesPerAccount} pages - burst ${BURST}) x 60/${RATE} s + ${rtt}s last page`);
line('latency bound', `${latencyBound.toFixed(2)} s = ${Math.round(latencyBound / rtt) || 0} dependent round trips x ${LATENCY_MS} ms`);
line('machine bound: latency and limits off (median)', `${machineBound.toFixed(2)} s of ${seconds(offs)} (duohub CPU ${(off.cpuMs / 1000).toFixed(2)} s, peak rss ${(off.memory.rss / MB).toFixed(0)} MB)`);
line('lower bound = max(rate, latency, machine)', `${lowerBound.toFixed(2)} s`);
line('duohub / lower bound', `${(wall / lowerBound).toFixed(2)}x  (target <= 1.25x: ${verdict(wall / lowerBound <= 1.25)})`);
line('duohub / max(rate, latency) alone', `${(wall / durationBound).toFixed(2)}x  (what CPU costs on top of the waits on this machine)`);
if (plain && plainWall !== undefined) {
  const measured = `${(plain.wallMs / 1000).toFixed(1)} s over ${plain.accounts} account(s), ${plain.rateLimited} 429s backed off`;
  line('plain approach', plain.accounts === ACCOUNTS ? measured : `${plainWall.toFixed(1)} s extrapolated x${(ACCOUNTS / plain.accounts).toFixed(2)} from ${measured}`);
  line('duohub speed-up over plain', `${(plainWall / wall).toFixed(1)}x  (target >= 10x: ${verdict(plainWall / wall >= 10)})`);
} else {
  line('plain approach', 'skipped');
}
line('peak memory target < 256 MB (rss, first run)', verdict(firstPeakRss < 256 * MB));
