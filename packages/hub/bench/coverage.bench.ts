/**
 * MFA coverage benchmark (`npm run bench:coverage`; not a test): the product as users run it. One
 * emulator fleet in its own process over a real port, and the bundled hub (`npm run build:hub`'s
 * packages/hub/dist/duohub.mjs, rebuilt here first) started with its defaults on a fresh data dir:
 *   1. the nine-cell table: the emulator's page-read limit per account at burst 1, 5, 20 x rate 100,
 *      200, 400 a minute, each cell a fresh hub whose first run (through REST) learns the limits and
 *      whose second run starts from what it learned, against the lower bound of that cell;
 *   2. the issue's configuration (--rate, --burst) run through the CLI (`duohub report mfa-coverage
 *      --url`) and through REST, with 429s, retries and the hub's peak RSS;
 *   3. the machine bound as before (duohub's scanFleet alone in this process, latency, limits and pacing
 *      off), and for comparison the hub through REST with latency and limits off;
 *   4. the plain approach (accounts and pages one after another, Duo's 1 -> 32 s backoff on 429).
 * Peak RSS is the hub process's own high-water mark (/proc/PID/status VmHWM, reset before each run);
 * hub cpu its CPU time over the run (/proc/PID/stat): near the wall time, the hub itself was the bottleneck.
 * Options: --accounts N (40) --users N (2500) --latency MS (50) --rate PER_MIN (200) --burst N (5)
 *          --rates LIST (100,200,400) --bursts LIST (1,5,20) --skip-table --skip-plain
 *          --plain-accounts N (all; measure a subset and extrapolate) --repeat N (1: runs per measurement, median kept)
 *          --hub-env NAME=VALUE,... (extra environment for the hub processes; none by default)
 * Node flags for the hub processes (a CPU profile, a GC trace): DUOHUB_BENCH_HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR";
 * a hub's whole stdout (where --trace-gc-nvp writes) kept in DIR/hub-PID.log: DUOHUB_BENCH_HUB_STDOUT_DIR=DIR;
 * for the emulator's process, DUOHUB_BENCH_EMULATOR_NODE_ARGS (it shares this machine's cores with the hub);
 * each limited run's rate-limit decisions as the emulator saw them (JSON, one file a run): DUOHUB_BENCH_DECISIONS_DIR=DIR.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuoAccountsClient } from '@duohub/sdk';
import type { FaultRule, RateLimitOptions } from '@duohub/emulator';
import { scanFleet } from '../src/reports/mfa-coverage/index.js';
import { coverageBounds } from './coverage-bounds.js';
import type { EmulatorCommand, EmulatorReply } from './emulator-process.js';
import { procCpuSeconds, procMainThreadCpuSeconds, startHubProcess, type HubProcess } from './hub-process.js';
import { learnedPageLimits } from './learned-page-limits.js';
import { pacingTimeline, type PacingTimeline } from './pacing-timeline.js';
import { plainScan, type PlainRun } from './plain-scan.js';
import { summarizeSamples } from './summarize-samples.js';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '40' },
    users: { type: 'string', default: '2500' },
    latency: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
    burst: { type: 'string', default: '5' },
    rates: { type: 'string', default: '100,200,400' },
    bursts: { type: 'string', default: '1,5,20' },
    'skip-table': { type: 'boolean', default: false },
    'skip-plain': { type: 'boolean', default: false },
    'plain-accounts': { type: 'string' },
    seed: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '1' },
    'hub-env': { type: 'string', default: '' },
  },
});
// Extra environment for the hub processes, NAME=VALUE,... (e.g. DUOHUB_COVERAGE_PAGES_IN_FLIGHT=64); none by default.
const HUB_ENV = Object.fromEntries(args['hub-env'].split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const ACCOUNTS = Number(args.accounts);
const USERS = Number(args.users);
const LATENCY_MS = Number(args.latency);
const RATE = Number(args.rate);
const BURST = Number(args.burst);
const REPEAT = Math.max(1, Number(args.repeat));
const PLAIN_ACCOUNTS = Math.min(ACCOUNTS, Number(args['plain-accounts'] ?? ACCOUNTS));
const list = (text: string) => text.split(',').map(Number).filter((n) => n > 0);
const MB = 1024 * 1024;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const hubBundle = fileURLToPath(new URL('../dist/duohub.mjs', import.meta.url));

// ---- the hub as shipped ------------------------------------------------------------------------
console.log('Building the hub bundle (npm run build:hub)...');
execFileSync(process.execPath, ['scripts/build-hub.mjs'], { cwd: repoRoot, stdio: 'inherit' });

// ---- the emulator process ----------------------------------------------------------------------
const child: ChildProcess = fork(fileURLToPath(new URL('./emulator-process.ts', import.meta.url)), [String(ACCOUNTS), String(USERS), args.seed], {
  // The emulator stands in for Duo's servers, which do not stall on a fleet this size: a large young
  // generation keeps its garbage collector from pausing answers.
  execArgv: ['--expose-gc', '--max-semi-space-size=64', '--import', 'tsx', ...(process.env.DUOHUB_BENCH_EMULATOR_NODE_ARGS ?? '').split(' ').filter(Boolean)],
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
const pages = ready.pagesPerAccount.users + ready.pagesPerAccount.bypassCodes;
console.log(`Emulator ready at ${ready.url} (seeded in ${(ready.seedMs / 1000).toFixed(1)} s; ${pages} pages per account)\n`);

const duoLike = (rate: number, burst: number): { faults: FaultRule[]; rateLimits: RateLimitOptions } => ({
  faults: LATENCY_MS > 0 ? [{ latencyMs: LATENCY_MS }] : [],
  rateLimits: { classes: { admin_get_page: { perMinute: rate, burst } } },
});
// A fresh limiter each time: every account's bucket starts full, as after a quiet spell at Duo.
const configure = (c: { faults: FaultRule[]; rateLimits: RateLimitOptions | false }) => ask({ type: 'configure', ...c } as EmulatorCommand, 'configured');
const statuses = async () => (await ask({ type: 'stats' }, 'stats')).statuses;
const emulatorCpuSeconds = () => procCpuSeconds(child.pid!).catch(() => 0);
let decisionFiles = 0;
const decisions = async () => (await ask({ type: 'decisions' }, 'decisions')).decisions;
const sum = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);

/** One measured run of the product. */
interface Measured {
  wallMs: number;
  rateLimited: number;
  /** Requests beyond the pages needed (and the account list): each a retry. */
  retries: number;
  peakRss: number;
  /** The hub process's CPU time over the run (user + system), ms: near the wall time, the hub was the bottleneck. */
  hubCpuMs: number;
  /** Of which its main thread's (JavaScript, GC pauses, SQLite); the rest is helper threads (concurrent GC, libuv). */
  hubMainCpuMs: number;
  /** The emulator process's over the run: on this machine Duo's servers share the hub's cores. */
  emulatorCpuMs: number;
  users: number;
  /** The run's page reads as the emulator's limiter saw them (with limits on). */
  timeline?: PacingTimeline | undefined;
}

/** Starts a hub with its defaults and adds the emulator's parent as an integration (checked, as a user would). */
async function freshHub(): Promise<{ hub: HubProcess; integrationId: string }> {
  const hub = await startHubProcess(hubBundle, HUB_ENV);
  const keys = ready.accountsKeys;
  const res = await hub.api('POST', '/api/integrations', {
    name: 'bench fleet',
    base_url: ready.url,
    accounts: { api_host: keys.host, integration_key: keys.ikey, secret_key: keys.skey },
  });
  if (res.status !== 201) throw new Error(`adding the integration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { hub, integrationId: (res.body as { id: string }).id };
}

/** Runs `start` against the hub under fresh emulator limits, measuring wall time, 429s, retries and the hub's peak RSS. */
async function measure(hub: HubProcess, limits: { faults: FaultRule[]; rateLimits: RateLimitOptions | false }, start: () => Promise<number>): Promise<Measured> {
  await configure(limits);
  // The bound assumes every bucket full at the start, as after a quiet spell. The emulator's new limiter
  // is full at once; the hub's pacers know only that the previous run emptied them, and refill with time,
  // as Duo's buckets would: so let the spell pass (burst at the class's rate) before the clock starts.
  await new Promise((r) => setTimeout(r, quietSpellMs(limits.rateLimits)));
  const before = await statuses();
  await decisions(); // only this run's
  await hub.resetPeak();
  const cpuBefore = await hub.cpuSeconds();
  const mainCpuBefore = await hub.mainThreadCpuSeconds();
  const emulatorCpuBefore = await emulatorCpuSeconds();
  const started = performance.now();
  const startedAt = Date.now();
  const users = await start();
  const wallMs = performance.now() - started;
  const endedAt = Date.now();
  const hubCpuMs = ((await hub.cpuSeconds()) - cpuBefore) * 1000;
  const hubMainCpuMs = ((await hub.mainThreadCpuSeconds()) - mainCpuBefore) * 1000;
  const emulatorCpuMs = ((await emulatorCpuSeconds()) - emulatorCpuBefore) * 1000;
  const peakRss = await hub.peakRss();
  const after = await statuses();
  const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
  const requests = sum(after) - sum(before);
  // Needed: the account list (at run start and by the task runner) and every account's pages.
  const needed = 1 + ACCOUNTS * pages;
  const page = limits.rateLimits ? limits.rateLimits.classes?.admin_get_page : undefined;
  const seen = page ? await decisions() : [];
  // The raw log, for a closer look (one JSON file per limited run): DUOHUB_BENCH_DECISIONS_DIR=DIR.
  if (page && process.env.DUOHUB_BENCH_DECISIONS_DIR) {
    writeFileSync(path.join(process.env.DUOHUB_BENCH_DECISIONS_DIR, `decisions-${++decisionFiles}.json`), JSON.stringify(seen));
  }
  const timeline = page ? pacingTimeline(seen, { bucket: 'admin_get_page', ratePerMinute: page.perMinute, burst: page.burst }, { startedAt, endedAt }) : undefined;
  return { wallMs, rateLimited: delta('429'), retries: Math.max(0, requests - needed), peakRss, hubCpuMs, hubMainCpuMs, emulatorCpuMs, users, timeline };
}

/** How long a drained bucket of the page-read class takes to fill again (0 without limits), plus a margin. */
function quietSpellMs(limits: RateLimitOptions | false): number {
  const page = limits ? limits.classes?.admin_get_page : undefined;
  return page ? Math.ceil((page.burst * 60_000) / page.perMinute) + 250 : 0;
}

/** A run through REST as the CLI follows one: POST the run, GET its progress held up to 250 ms (?wait_ms, tasks=none) until done, read its report. */
async function runViaRest(hub: HubProcess, integrationId: string): Promise<number> {
  const started = await hub.api('POST', '/api/reports/mfa-coverage/runs', { integration_id: integrationId });
  if (started.status !== 202) throw new Error(`starting the run failed: ${started.status} ${JSON.stringify(started.body)}`);
  const id = (started.body as { id: string }).id;
  for (;;) {
    const asked = Date.now();
    const run = await hub.api('GET', `/api/reports/mfa-coverage/runs/${id}?wait_ms=250&tasks=none`);
    const body = run.body as { status: string; progress: { users_seen: number; accounts_failed: number } };
    if (body.status === 'done') {
      if (body.progress.accounts_failed > 0) throw new Error(`${body.progress.accounts_failed} accounts failed`);
      const report = await hub.api('GET', `/api/reports/mfa-coverage?run=${id}`);
      return (report.body as { totals: { counts: { users: number } } }).totals.counts.users;
    }
    if (body.status !== 'queued' && body.status !== 'running') throw new Error(`the run ended ${body.status}`);
    await new Promise((r) => setTimeout(r, Math.max(0, 250 - (Date.now() - asked))));
  }
}

/** A run through the CLI, as a user types it against a running hub: `duohub report mfa-coverage --url --token --json`. */
async function runViaCli(hub: HubProcess): Promise<number> {
  const cli = spawn(process.execPath, [hubBundle, 'report', 'mfa-coverage', '--url', hub.url, '--token', hub.token, '--json', '--progress', 'none'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  cli.stdout!.on('data', (d) => (out += d));
  const [code] = (await once(cli, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`duohub report mfa-coverage exited ${code}: ${out}`);
  return (JSON.parse(out) as { totals: { counts: { users: number } } }).totals.counts.users;
}

const median = (runs: Measured[]): Measured => [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!;
async function repeated(fn: () => Promise<Measured>): Promise<Measured> {
  const runs: Measured[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await fn());
  return median(runs);
}
const off = { faults: [] as FaultRule[], rateLimits: false as const };
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

// ---- the machine bound, as before: duohub's scan alone in this process, latency, limits and pacing off ----
// (the hub's own overheads, its store, its REST answers and its progress reads, are what it is judged on, not part of the bound)
// The scan alone's CPU in this process (user + system, ms) per run: set against the hub's cpu.
const aloneCpuMs: number[] = [];
const aloneMainCpuMs: number[] = [];
const aloneEmulatorCpuMs: number[] = [];
async function scanAlone(): Promise<number> {
  await configure(off);
  const keys = ready.accountsKeys;
  const accounts = new DuoAccountsClient({ host: keys.host, ikey: keys.ikey, skey: keys.skey, baseUrl: ready.url, pacing: false, maxSockets: 512 });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const mainBefore = await procMainThreadCpuSeconds(process.pid);
  const emulatorBefore = await emulatorCpuSeconds();
  const result = await scanFleet(accounts);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  aloneCpuMs.push((cpu.user + cpu.system) / 1000);
  aloneMainCpuMs.push(((await procMainThreadCpuSeconds(process.pid)) - mainBefore) * 1000);
  aloneEmulatorCpuMs.push(((await emulatorCpuSeconds()) - emulatorBefore) * 1000);
  accounts.close();
  if (result.totals.counts.users !== ACCOUNTS * USERS) throw new Error(`the scan alone counted ${result.totals.counts.users} users`);
  return ms;
}
await scanAlone(); // warm-up (JIT, first connections)
aloneCpuMs.length = 0;
aloneMainCpuMs.length = 0;
aloneEmulatorCpuMs.length = 0;
const aloneRuns: number[] = [];
for (let i = 0; i < Math.max(3, REPEAT); i++) aloneRuns.push(await scanAlone());
const machineSeconds = summarizeSamples(aloneRuns).median / 1000;

// The hub with latency and limits off, for comparison: what the product adds on this machine.
const main = await freshHub();
await runViaRest(main.hub, main.integrationId); // warm-up; it also teaches the hub nothing about the limits measured next
const machine = await repeated(() => measure(main.hub, off, () => runViaRest(main.hub, main.integrationId)));
await main.hub.stop();

// A fresh hub, so its first run meets the limits knowing nothing, as a new install does.
const product = await freshHub();
const viaCli = await measure(product.hub, duoLike(RATE, BURST), () => runViaCli(product.hub));
const learnedAfterCli = learnedPageLimits(product.hub.dataDir);
const viaRest = await repeated(() => measure(product.hub, duoLike(RATE, BURST), () => runViaRest(product.hub, product.integrationId)));
const learnedAfterRest = learnedPageLimits(product.hub.dataDir);

/** The latest report read whole and as figures alone, alternating (5 each): bytes and ms, medians. */
async function reportReads(hub: { url: string; token: string }): Promise<Record<'full' | 'figures', { bytes: number; ms: number }>> {
  const read = async (query: string) => {
    const started = performance.now();
    const res = await fetch(`${hub.url}/api/reports/mfa-coverage${query}`, { headers: { authorization: `Bearer ${hub.token}` } });
    const text = await res.text();
    JSON.parse(text);
    return { bytes: Buffer.byteLength(text), ms: performance.now() - started };
  };
  const full: Array<{ bytes: number; ms: number }> = [];
  const figures: Array<{ bytes: number; ms: number }> = [];
  for (let i = 0; i < 5; i++) {
    full.push(await read(''));
    figures.push(await read('?include_users=false'));
  }
  const median = (xs: Array<{ bytes: number; ms: number }>) => ({ bytes: xs[0]!.bytes, ms: summarizeSamples(xs.map((x) => x.ms)).median });
  return { full: median(full), figures: median(figures) };
}
const reads = await reportReads(product.hub);
await product.hub.stop();
const bounds = coverageBounds({ pages, ratePerMinute: RATE, burst: BURST, latencyMs: LATENCY_MS, machineSeconds });

// Duo's side of each run: a late start (claims, clients, a busy hub) and a slow pace look alike in
// the wall time, not here.
const seen = (t: PacingTimeline | undefined) =>
  t
    ? `first read of an account ${t.start.median.toFixed(0)} ms after the run's first (median), ${t.start.latest.toFixed(0)} ms (latest); its last read past its paced ideal by ${t.late.median.toFixed(0)} ms (median), ${t.late.most.toFixed(0)} ms (most); 429s in ${t.limitedAccounts} of ${t.accounts} accounts; the hub's part: ${t.lead?.toFixed(0)} ms from the start to the first read, ${t.tail?.toFixed(0)} ms from the last read to done`
    : 'not recorded';

// ---- the nine cells ------------------------------------------------------------------------------
interface Cell {
  burst: number;
  rate: number;
  lower: number;
  first: Measured;
  learned: Measured;
}
const cells: Cell[] = [];
if (!args['skip-table']) {
  for (const burst of list(args.bursts)) {
    for (const rate of list(args.rates)) {
      const { hub, integrationId } = await freshHub();
      try {
        const first = await measure(hub, duoLike(rate, burst), () => runViaRest(hub, integrationId));
        const learned = await measure(hub, duoLike(rate, burst), () => runViaRest(hub, integrationId));
        const lower = coverageBounds({ pages, ratePerMinute: rate, burst, latencyMs: LATENCY_MS, machineSeconds }).lower;
        cells.push({ burst, rate, lower, first, learned });
        console.log(`  cell burst ${burst}, ${rate}/min: first ${s(first.wallMs)}, learned ${s(learned.wallMs)}, lower bound ${lower.toFixed(2)} s; stored: ${learnedPageLimits(hub.dataDir)}`);
        console.log(`    as Duo saw the first run: ${seen(first.timeline)}\n    ... and the learned run: ${seen(learned.timeline)}`);
      } finally {
        await hub.stop();
      }
    }
  }
}

// ---- the plain approach --------------------------------------------------------------------------
let plain: PlainRun | undefined;
if (!args['skip-plain'] && PLAIN_ACCOUNTS > 0) {
  await configure(duoLike(RATE, BURST));
  console.log(`Running the plain approach over ${PLAIN_ACCOUNTS} account(s); this takes a while...`);
  const accounts = new DuoAccountsClient({ host: ready.accountsKeys.host, ikey: ready.accountsKeys.ikey, skey: ready.accountsKeys.skey, baseUrl: ready.url, pacing: false, retry: false });
  plain = await plainScan(accounts, PLAIN_ACCOUNTS, Date.now());
  accounts.close();
}
child.send({ type: 'close' } satisfies EmulatorCommand);
await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2000).unref())]);
if (child.exitCode === null) child.kill();

// ---- figures -------------------------------------------------------------------------------------
const expectedUsers = ACCOUNTS * USERS;
for (const [label, m] of [['CLI', viaCli], ['REST', viaRest], ['limits off', machine]] as const) {
  if (m.users !== expectedUsers) throw new Error(`${label}: counted ${m.users} users, the fleet has ${expectedUsers}`);
}
const line = (label: string, value: string) => console.log(`  ${label.padEnd(46)} ${value}`);
const rtt = LATENCY_MS / 1000;
console.log(`\nMFA coverage benchmark, the bundled hub with its defaults: ${ACCOUNTS} child accounts x ${USERS} users, ${LATENCY_MS} ms latency,`);
console.log(`page reads limited to ${RATE}/min per account (token bucket, burst ${BURST}); ${pages} pages per account; Node ${process.version}\n`);
line('CLI: duohub report mfa-coverage --url (first run)', `${s(viaCli.wallMs)}  (429s ${viaCli.rateLimited}, retries ${viaCli.retries}, hub peak rss ${mb(viaCli.peakRss)}, hub cpu ${s(viaCli.hubCpuMs)} (main thread ${s(viaCli.hubMainCpuMs)}), emulator cpu ${s(viaCli.emulatorCpuMs)}; includes the CLI process start)`);
line(`REST: POST run + held GETs (wait_ms 250)${REPEAT > 1 ? ` (median of ${REPEAT})` : ''}`, `${s(viaRest.wallMs)}  (429s ${viaRest.rateLimited}, retries ${viaRest.retries}, hub peak rss ${mb(viaRest.peakRss)}, hub cpu ${s(viaRest.hubCpuMs)} (main thread ${s(viaRest.hubMainCpuMs)}), emulator cpu ${s(viaRest.emulatorCpuMs)}; after the CLI run taught it the limits)`);
line(
  'the report read after a run (REST, parsed)',
  `whole ${(reads.full.bytes / MB).toFixed(2)} MB in ${reads.full.ms.toFixed(0)} ms; the figures alone (include_users=false, what the CLI's table and the dashboard read) ${(reads.figures.bytes / 1024).toFixed(0)} kB in ${reads.figures.ms.toFixed(0)} ms (medians of 5)`,
);
line('page-read limits learned by the CLI run', `${learnedAfterCli}  (the emulator's: ${RATE}/min, burst ${BURST})`);
line('... and after the REST run(s)', learnedAfterRest);
line('as Duo saw the CLI run (the emulator limiter)', seen(viaCli.timeline));
line('... and the REST run', seen(viaRest.timeline));
line('rate bound', `${bounds.rate.toFixed(2)} s = ${rtt}s list + (${pages} pages - burst ${BURST}) x 60/${RATE} s + ${rtt}s last page`);
line('latency bound', `${bounds.latency.toFixed(2)} s`);
line('machine bound: the scan alone, latency and limits off', `${machineSeconds.toFixed(2)} s (median of ${aloneRuns.length}; its process's cpu ${s(summarizeSamples(aloneCpuMs).median)} (main thread ${s(summarizeSamples(aloneMainCpuMs).median)}), emulator cpu ${s(summarizeSamples(aloneEmulatorCpuMs).median)})`);
line('the hub through REST, latency and limits off', `${s(machine.wallMs)} (hub peak rss ${mb(machine.peakRss)}, hub cpu ${s(machine.hubCpuMs)} (main thread ${s(machine.hubMainCpuMs)}), emulator cpu ${s(machine.emulatorCpuMs)}; not part of the bound)`);
line('lower bound = max(rate, latency, machine)', `${bounds.lower.toFixed(2)} s`);
line('CLI / lower bound', `${(viaCli.wallMs / 1000 / bounds.lower).toFixed(2)}x  (target <= 1.25x: ${verdict(viaCli.wallMs / 1000 / bounds.lower <= 1.25)})`);
line('REST / lower bound', `${(viaRest.wallMs / 1000 / bounds.lower).toFixed(2)}x  (target <= 1.25x: ${verdict(viaRest.wallMs / 1000 / bounds.lower <= 1.25)})`);
const peak = Math.max(viaCli.peakRss, viaRest.peakRss, machine.peakRss);
line('hub peak rss, all runs', `${mb(peak)}  (target < 256 MB: ${verdict(peak < 256 * MB)})`);
if (plain) {
  const plainWall = (plain.wallMs / 1000) * (ACCOUNTS / plain.accounts);
  const measured = `${(plain.wallMs / 1000).toFixed(1)} s over ${plain.accounts} account(s), ${plain.rateLimited} 429s backed off`;
  line('plain approach', plain.accounts === ACCOUNTS ? measured : `${plainWall.toFixed(1)} s extrapolated x${(ACCOUNTS / plain.accounts).toFixed(2)} from ${measured}`);
  line('speed-up over plain (CLI run)', `${(plainWall / (viaCli.wallMs / 1000)).toFixed(1)}x  (target >= 30x: ${verdict(plainWall / (viaCli.wallMs / 1000) >= 30)})`);
} else {
  line('plain approach', 'skipped');
}

if (cells.length > 0) {
  console.log(`\nThe nine cells (REST; each a fresh hub: its first run, then a second run from what it learned):\n`);
  const header = ['burst', 'rate/min', 'lower bound', 'first run', 'x bound', '429s', 'retries', 'learned run', 'x bound', '429s', 'hub cpu (main)', 'peak rss', 'target'];
  const rows = cells.map((c) => {
    const r1 = c.first.wallMs / 1000 / c.lower;
    const r2 = c.learned.wallMs / 1000 / c.lower;
    return [
      String(c.burst),
      String(c.rate),
      `${c.lower.toFixed(2)} s`,
      s(c.first.wallMs),
      `${r1.toFixed(2)}x`,
      String(c.first.rateLimited),
      String(c.first.retries),
      s(c.learned.wallMs),
      `${r2.toFixed(2)}x`,
      String(c.learned.rateLimited),
      `${s(c.learned.hubCpuMs)} (${s(c.learned.hubMainCpuMs)})`,
      mb(Math.max(c.first.peakRss, c.learned.peakRss)),
      verdict(r1 <= 1.25 && r2 <= 1.25),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cols: string[]) => '  ' + cols.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(fmt(header));
  for (const r of rows) console.log(fmt(r));
  const passed = cells.filter((c) => c.first.wallMs / 1000 / c.lower <= 1.25 && c.learned.wallMs / 1000 / c.lower <= 1.25).length;
  console.log(`\n  ${passed} of ${cells.length} cells within 1.25x of their lower bound (first and learned runs)`);
}
