/**
 * Log sync benchmark (`npm run bench:logs`; not a test): the product as users run it. One emulator
 * fleet with 30 days of log history in its own process over a real port (Duo's two-minute log delay
 * included), and the bundled hub (`npm run build:hub`'s packages/hub/dist/duohub.mjs, rebuilt here
 * first) started with its defaults on a fresh data dir, syncing every account's logs through REST
 * (`POST /api/logs/sync`, then `GET /api/logs/sync` every 250 ms until every unit is idle):
 *   1. the same-run baseline: a fresh hub syncing the same fleet with latency and limits off, which
 *      is what this machine allows (the machine bound) and the hub's ingest rate;
 *   2. the product under Duo's log limit (--rate a minute per account, burst --burst, --latency ms),
 *      against the lower bound that limit sets: the account with the most log reads decides, since
 *      an account's reads share its budget and accounts run side by side;
 *   3. with --incremental, a second sync once nothing new was logged: one read per account and log.
 * Rows stored are checked against the emulator's count; peak RSS is the hub process's high-water mark.
 * Options: --accounts N (40) --users N (50) --days N (30) --events N (200 authentications a day)
 *          --rate PER_MIN (2) --burst N (2) --latency MS (50) --seed N (1) --incremental
 *          --hub-env NAME=VALUE,... (extra environment for the hub processes)
 *          --quick (only run 1, the baseline: its figures and peak RSS in well under a minute at the defaults)
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FaultRule, RateLimitOptions } from '@duohub/emulator';
import { startHubProcess, type HubProcess } from './hub-process.js';
import { logSyncBounds, readsForAccount } from './logs-bounds.js';
import type { LogEmulatorCommand, LogEmulatorReply } from './logs-emulator-process.js';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '40' },
    users: { type: 'string', default: '50' },
    days: { type: 'string', default: '30' },
    events: { type: 'string', default: '200' },
    rate: { type: 'string', default: '2' },
    burst: { type: 'string', default: '2' },
    latency: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    incremental: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    'hub-env': { type: 'string', default: '' },
  },
});
const HUB_ENV = Object.fromEntries(args['hub-env'].split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const ACCOUNTS = Number(args.accounts);
const RATE = Number(args.rate);
const BURST = Number(args.burst);
const LATENCY_MS = Number(args.latency);
const DAY_MS = 86_400_000;
// The window a first sync reads: Duo's 180 days (less the hub's hour of slack) up to now - the hub's 2 min lag.
const LOOKBACK_MS = 180 * DAY_MS - 3_600_000;
const LAG_MS = 120_000;
const MB = 1024 * 1024;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const hubBundle = fileURLToPath(new URL('../dist/duohub.mjs', import.meta.url));

console.log('Building the hub bundle (npm run build:hub)...');
execFileSync(process.execPath, ['scripts/build-hub.mjs'], { cwd: repoRoot, stdio: 'inherit' });

const child: ChildProcess = fork(
  fileURLToPath(new URL('./logs-emulator-process.ts', import.meta.url)),
  [String(ACCOUNTS), args.users, args.days, args.events, args.seed, String(LOOKBACK_MS), String(LAG_MS)],
  { execArgv: ['--expose-gc', '--max-semi-space-size=64', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
);
// The emulator must not outlive a benchmark that fails half-way.
process.on('exit', () => {
  if (child.exitCode === null) child.kill();
});
const replies: LogEmulatorReply[] = [];
const waiters: Array<(r: LogEmulatorReply) => void> = [];
child.on('message', (reply: LogEmulatorReply) => {
  const waiter = waiters.shift();
  if (waiter) waiter(reply);
  else replies.push(reply);
});
const next = () => new Promise<LogEmulatorReply>((resolve) => (replies.length ? resolve(replies.shift()!) : waiters.push(resolve)));
const ask = async <K extends LogEmulatorReply['type']>(command: LogEmulatorCommand | null, type: K) => {
  if (command) child.send(command);
  const reply = await next();
  if (reply.type !== type) throw new Error(`emulator answered ${reply.type}, expected ${type}`);
  return reply as Extract<LogEmulatorReply, { type: K }>;
};

console.log(`Seeding ${ACCOUNTS} child accounts with ${args.days} days of log history (${args.events} authentications a day) in the emulator process...`);
const ready = await ask(null, 'ready');
const sum = (o: Record<string, number> | number[]) => Object.values(o).reduce((a, b) => a + b, 0);
const totalRows = (rows: Record<string, Record<string, number>>) => sum(Object.values(rows).map((r) => sum(r)));
const expectedRows = totalRows(ready.rows);
const heaviest = Object.entries(ready.rows).sort(([, a], [, b]) => readsForAccount(b) - readsForAccount(a))[0]!;
console.log(`Emulator ready at ${ready.url} (seeded and counted in ${(ready.seedMs / 1000).toFixed(1)} s): ${expectedRows.toLocaleString('en-US')} rows in ${ACCOUNTS + 1} accounts`);
console.log(`  heaviest account: ${JSON.stringify(heaviest[1])} -> ${readsForAccount(heaviest[1])} log reads\n`);

const configure = (faults: FaultRule[], rateLimits: RateLimitOptions | false) => ask({ type: 'configure', faults, rateLimits }, 'configured');
const stats = () => ask({ type: 'stats' }, 'stats');

/** One measured sync. */
interface Measured {
  wallMs: number;
  /** Rows Duo showed in the window before and after the sync (its two-minute delay keeps revealing the seed's last rows). */
  expected: { before: number; after: number };
  rows: number;
  inserted: number;
  rateLimited: number;
  logReads: number;
  failed: number;
  peakRss: number;
  /** CPU seconds the hub process used (user + system), from /proc. */
  hubCpuSeconds: number;
}

/** A fresh hub with the fleet's integration (Admin keys for the parent, Accounts keys for the children). */
async function freshHub(env: Record<string, string>): Promise<{ hub: HubProcess; integrationId: string }> {
  const hub = await startHubProcess(hubBundle, { ...env, ...HUB_ENV });
  const res = await hub.api('POST', '/api/integrations', { name: 'bench log fleet', base_url: ready.url, admin: ready.admin, accounts: ready.accounts });
  if (res.status !== 201) throw new Error(`adding the integration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { hub, integrationId: (res.body as { id: string }).id };
}

/** POST a sync, poll the status every 250 ms until every unit is idle or failed. */
async function syncViaRest(hub: HubProcess, integrationId: string): Promise<{ rows: number; inserted: number; failed: number }> {
  const started = await hub.api('POST', '/api/logs/sync', { integration_id: integrationId });
  if (started.status !== 202) throw new Error(`starting the sync failed: ${started.status} ${JSON.stringify(started.body)}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const res = await hub.api('GET', `/api/logs/sync?integration_id=${integrationId}`);
    const items = (res.body as { items: Array<{ state: string; events_stored: number; last_run: { inserted: number } }> }).items;
    if (items.every((u) => u.state === 'idle' || u.state === 'failed')) {
      return { rows: sum(items.map((u) => u.events_stored)), inserted: sum(items.map((u) => u.last_run.inserted)), failed: items.filter((u) => u.state === 'failed').length };
    }
  }
}

/** CPU seconds (user + system) a process used so far, from /proc/PID/stat (clock ticks of 1/100 s). */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure(hub: HubProcess, integrationId: string, faults: FaultRule[], limits: RateLimitOptions | false): Promise<Measured> {
  await configure(faults, limits);
  const expectedBefore = totalRows((await ask({ type: 'count' }, 'count')).rows);
  const before = await stats();
  await hub.resetPeak();
  const cpu0 = await cpuSeconds(hub.child.pid!);
  const t0 = performance.now();
  const r = await syncViaRest(hub, integrationId);
  const wallMs = performance.now() - t0;
  const after = await stats();
  const expectedAfter = totalRows((await ask({ type: 'count' }, 'count')).rows);
  return {
    wallMs,
    expected: { before: expectedBefore, after: expectedAfter },
    ...r,
    rateLimited: (after.logStatuses['429'] ?? 0) - (before.logStatuses['429'] ?? 0),
    logReads: sum(after.logStatuses) - sum(before.logStatuses),
    peakRss: await hub.peakRss(),
    hubCpuSeconds: (await cpuSeconds(hub.child.pid!)) - cpu0,
  };
}

// ---- 1. the same-run baseline: latency and limits off -------------------------------------------
const off = await freshHub({ DUOHUB_DUO_LOG_RATE_PER_MINUTE: '1000000' });
const machine = await measure(off.hub, off.integrationId, [], false);
await off.hub.stop();

// ---- 2. the product under Duo's log limit (skipped by --quick) ----------------------------------------
const QUICK = args.quick;
const duoLike = (): [FaultRule[], RateLimitOptions] => [LATENCY_MS > 0 ? [{ latencyMs: LATENCY_MS }] : [], { classes: { admin_logs: { perMinute: RATE, burst: BURST } } }];
// The hub starts from Duo's published 2 a minute; a different --rate is an account whose limit Duo raised, which its operator sets.
const product = QUICK ? undefined : await freshHub(RATE === 2 ? {} : { DUOHUB_DUO_LOG_RATE_PER_MINUTE: String(RATE) });
if (product) console.log(`Syncing under Duo's log limit (${RATE}/min per account, burst ${BURST}, ${LATENCY_MS} ms latency); this takes minutes...`);
const limited = product ? await measure(product.hub, product.integrationId, ...duoLike()) : undefined;
// Duo's bucket of each account refills while it is not used; the hub's pacer knows it spent its tokens. Wait
// until both are full again (burst / rate), as between two scheduled syncs, so the bound below holds for both.
if (product && args.incremental) await new Promise((r) => setTimeout(r, (BURST / RATE) * 60_000 + 1000));
const incremental = product && args.incremental ? await measure(product.hub, product.integrationId, ...duoLike()) : undefined;
await product?.hub.stop();

child.send({ type: 'close' } satisfies LogEmulatorCommand);
await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2000).unref())]);
if (child.exitCode === null) child.kill();

// ---- figures -------------------------------------------------------------------------------------
for (const [label, m] of [['baseline', machine], ...(limited ? [['product', limited] as const] : []), ...(incremental ? [['incremental', incremental] as const] : [])] as const) {
  if (m.rows < m.expected.before || m.rows > m.expected.after || m.failed > 0) {
    throw new Error(`${label}: stored ${m.rows} rows (Duo showed ${m.expected.before} before the sync, ${m.expected.after} after), ${m.failed} units failed`);
  }
}
const bounds = logSyncBounds({ rows: ready.rows, ratePerMinute: RATE, burst: BURST, latencyMs: LATENCY_MS, machineSeconds: machine.wallMs / 1000 });
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const perSec = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(50)} ${value}`);
console.log(`\nLog sync benchmark, the bundled hub with its defaults: ${ACCOUNTS} child accounts + the parent, ${args.days} days of history,`);
console.log(`${expectedRows.toLocaleString('en-US')} log rows in all; Node ${process.version}\n`);
line('same-run baseline: latency and limits off', `${s(machine.wallMs)}  (${perSec(machine.rows, machine.wallMs)}, ${machine.logReads} log reads, hub peak rss ${mb(machine.peakRss)})`);
line("  the hub's own CPU in it", `${machine.hubCpuSeconds.toFixed(2)} s  (${perSec(machine.rows, machine.hubCpuSeconds * 1000)} of hub CPU; the rest is the emulator serving pages)`);
if (!limited) {
  line('rows stored (each once) vs rows Duo showed', `${machine.rows.toLocaleString('en-US')}, Duo ${machine.expected.before.toLocaleString('en-US')} before the sync and ${machine.expected.after.toLocaleString('en-US')} after`);
  line('hub peak rss (--quick: the baseline only)', mb(machine.peakRss));
  process.exit(0);
}
line(`under Duo's log limit: ${RATE}/min, burst ${BURST}, ${LATENCY_MS} ms`, `${s(limited.wallMs)}  (${perSec(limited.rows, limited.wallMs)}, ${limited.logReads} log reads, 429s ${limited.rateLimited}, hub peak rss ${mb(limited.peakRss)})`);
line('lower bound set by the limit', `${bounds.rate.toFixed(2)} s = ${LATENCY_MS / 1000}s list + (${bounds.reads} reads of the heaviest account - burst ${BURST}) x 60/${RATE} s + ${LATENCY_MS / 1000}s last answer`);
line('lower bound = max(limit, baseline)', `${bounds.lower.toFixed(2)} s`);
line('product / lower bound', `${(limited.wallMs / 1000 / bounds.lower).toFixed(2)}x`);
line('rows stored (each once) vs rows Duo showed', `${limited.rows.toLocaleString('en-US')}, Duo ${limited.expected.before.toLocaleString('en-US')} before the sync and ${limited.expected.after.toLocaleString('en-US')} after`);
if (incremental) {
  const reads = (ACCOUNTS + 1) * 6;
  line('incremental sync, nothing new', `${s(incremental.wallMs)}  (${incremental.logReads} log reads for ${reads} units, ${incremental.inserted} rows inserted, 429s ${incremental.rateLimited})`);
  line('its lower bound', `${(((6 - BURST) * 60) / RATE + (2 * LATENCY_MS) / 1000).toFixed(2)} s (6 reads an account)`);
}
const peak = Math.max(machine.peakRss, limited.peakRss, incremental?.peakRss ?? 0);
line('hub peak rss, all runs', mb(peak));
