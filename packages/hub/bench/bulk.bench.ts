/**
 * Bulk run benchmark (`npm run bench:bulk`; not a test): "send enrollment to every user without MFA"
 * (users.enroll) over an emulator fleet, the product as users run it. The emulator runs in its own
 * process over a real port; the hub is the bundled `duohub serve` (packages/hub/dist/duohub.mjs,
 * rebuilt here first) with its defaults on a fresh data dir. Steps, all through REST:
 *   1. an MFA coverage run (its snapshot says who has no MFA: the seeded fleet's mix, about 20% of users
 *      enroll nothing; see packages/emulator/src/seed/user-mix.ts), then the plan
 *      (`users: { query: 'without_mfa' }`), with the emulator's limits off;
 *   2. the run, under Duo's limit for Admin API writes per account (token bucket: --rate a minute,
 *      burst --burst; Duo publishes 300 a minute) with --latency ms per answer, against the bound those
 *      limits set: accounts in parallel, each (items - burst) x 60/rate s plus one round trip;
 *   3. the plain script (accounts and users one after another, Duo's 1 -> 32 s backoff on 429) over
 *      --plain-accounts accounts, extrapolated to the fleet.
 * Options: --accounts N (40) --users N (2500) --latency MS (50) --rate PER_MIN (300) --burst N (300)
 *          --plain-accounts N (2) --skip-plain --seed N (1)
 *          --quick: 8 accounts x 500 users, burst 20 (so that the limits bind at this size), plain over 2
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuoAccountsClient } from '@duohub/sdk';
import type { FaultRule, RateLimitOptions } from '@duohub/emulator';
import { bulkRateBound } from './bulk-bounds.js';
import type { BulkEmulatorCommand, BulkEmulatorReply } from './bulk-emulator-process.js';
import { startHubProcess, type HubProcess } from './hub-process.js';
import { plainEnroll } from './plain-enroll.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    accounts: { type: 'string' },
    users: { type: 'string' },
    latency: { type: 'string', default: '50' },
    rate: { type: 'string', default: '300' },
    burst: { type: 'string' },
    'plain-accounts': { type: 'string', default: '2' },
    'skip-plain': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});
const QUICK = args.quick;
const ACCOUNTS = Number(args.accounts ?? (QUICK ? 8 : 40));
const USERS = Number(args.users ?? (QUICK ? 500 : 2500));
const LATENCY_MS = Number(args.latency);
const RATE = Number(args.rate);
const BURST = Number(args.burst ?? (QUICK ? 20 : 300));
const PLAIN_ACCOUNTS = Math.min(ACCOUNTS, Number(args['plain-accounts']));
const MB = 1024 * 1024;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const hubBundle = fileURLToPath(new URL('../dist/duohub.mjs', import.meta.url));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

console.log('Building the hub bundle (npm run build:hub)...');
execFileSync(process.execPath, ['scripts/build-hub.mjs'], { cwd: repoRoot, stdio: 'inherit' });

// ---- the emulator process ----------------------------------------------------------------------
const child: ChildProcess = fork(fileURLToPath(new URL('./bulk-emulator-process.ts', import.meta.url)), [String(ACCOUNTS), String(USERS), args.seed], {
  execArgv: ['--max-semi-space-size=64', '--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const replies: BulkEmulatorReply[] = [];
const waiters: Array<(r: BulkEmulatorReply) => void> = [];
child.on('message', (reply: BulkEmulatorReply) => {
  const waiter = waiters.shift();
  if (waiter) waiter(reply);
  else replies.push(reply);
});
const next = () => new Promise<BulkEmulatorReply>((resolve) => (replies.length ? resolve(replies.shift()!) : waiters.push(resolve)));
const ask = async <K extends BulkEmulatorReply['type']>(command: BulkEmulatorCommand | null, type: K) => {
  if (command) child.send(command);
  const reply = await next();
  if (reply.type !== type) throw new Error(`emulator answered ${reply.type}, expected ${type}`);
  return reply as Extract<BulkEmulatorReply, { type: K }>;
};
console.log(`Seeding ${ACCOUNTS} child accounts x ${USERS} users in the emulator process...`);
const ready = await ask(null, 'ready');
console.log(`Emulator ready at ${ready.url} (seeded in ${(ready.seedMs / 1000).toFixed(1)} s)`);
// A fresh limiter each time: every account's bucket starts full, as after a quiet spell at Duo.
const configure = (faults: FaultRule[], rateLimits: RateLimitOptions | false) => ask({ type: 'configure', faults, rateLimits }, 'configured');
const duoLike = (): [FaultRule[], RateLimitOptions] => [LATENCY_MS > 0 ? [{ latencyMs: LATENCY_MS }] : [], { classes: { admin_modify: { perMinute: RATE, burst: BURST } } }];
const stats = () => ask({ type: 'stats' }, 'stats');

// ---- the hub as shipped, set up through REST ----------------------------------------------------
const hub: HubProcess = await startHubProcess(hubBundle);
const must = async (method: string, p: string, body: unknown, status: number) => {
  const res = await hub.api(method, p, body);
  if (res.status !== status) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const keys = ready.accountsKeys;
const integration = await must('POST', '/api/integrations', { name: 'bench fleet', base_url: ready.url, accounts: { api_host: keys.host, integration_key: keys.ikey, secret_key: keys.skey } }, 201);
const sdk = new DuoAccountsClient({ host: keys.host, ikey: keys.ikey, skey: keys.skey, baseUrl: ready.url, pacing: false, retry: false });
const children = await sdk.list();
for (const account of children) {
  await must('POST', '/api/organizations', { name: String(account.name), integration_id: integration.id, duo_account_id: account.account_id }, 201);
}
const setupStart = performance.now();
const coverage = await must('POST', '/api/reports/mfa-coverage/runs', { integration_id: integration.id }, 202);
for (;;) {
  const run = await must('GET', `/api/reports/mfa-coverage/runs/${coverage.id}`, undefined, 200);
  if (run.status === 'done') break;
  if (run.status !== 'queued' && run.status !== 'running') throw new Error(`coverage run ended ${run.status}`);
  await sleep(250);
}
const coverageMs = performance.now() - setupStart;
const planStart = performance.now();
const plan = await must('POST', '/api/bulk-runs', { action_id: 'users.enroll', title: 'Enroll everyone without MFA', organizations: { all: true }, users: { query: 'without_mfa' } }, 201);
const planMs = performance.now() - planStart;
const total = plan.counts.total as number;
const perAccount = (plan.plan.by_organization as Array<{ organization_id: string; items: number }>).map((o) => o.items);
console.log(`Set up: coverage run ${s(coverageMs)}, plan ${s(planMs)}: ${total} users without MFA of ${ACCOUNTS * USERS} (${((100 * total) / (ACCOUNTS * USERS)).toFixed(1)}%), ${Math.min(...perAccount)}-${Math.max(...perAccount)} per account`);

// ---- the run under Duo's limits ------------------------------------------------------------------
await configure(...duoLike());
const before = await stats();
await hub.resetPeak();
const started = performance.now();
await must('POST', `/api/bulk-runs/${plan.id}/run`, { plan_hash: plan.plan_hash }, 202);
let end: any;
for (;;) {
  end = await must('GET', `/api/bulk-runs/${plan.id}`, undefined, 200);
  if (end.status !== 'queued' && end.status !== 'running') break;
  await sleep(250);
}
const wallMs = performance.now() - started;
const peakRss = await hub.peakRss();
const after = await stats();
const delta = (k: string) => (after.statuses[k] ?? 0) - (before.statuses[k] ?? 0);
const executed = (after.executions['users.enroll'] ?? 0) - (before.executions['users.enroll'] ?? 0);
if (end.status !== 'completed' || end.counts.done !== total) throw new Error(`the run ended ${end.status}: ${JSON.stringify(end.counts)}`);
if (executed !== total) throw new Error(`the emulator carried out ${executed} enrollments for ${total} items`);
const bound = bulkRateBound({ itemsPerAccount: perAccount, ratePerMinute: RATE, burst: BURST, latencyMs: LATENCY_MS });

// ---- the plain script ----------------------------------------------------------------------------
let plain: Awaited<ReturnType<typeof plainEnroll>> | undefined;
if (!args['skip-plain'] && PLAIN_ACCOUNTS > 0) {
  const orgs = (plan.plan.by_organization as Array<{ organization_id: string }>).slice(0, PLAIN_ACCOUNTS);
  const work: Array<{ accountId: string; users: Array<{ username: string; email: string }> }> = [];
  for (const org of orgs) {
    const users: Array<{ username: string; email: string }> = [];
    for (let cursor: string | null = null; ; ) {
      const page: any = await must('GET', `/api/bulk-runs/${plan.id}/items?organization_id=${org.organization_id}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, 200);
      for (const item of page.items) users.push({ username: item.input.username, email: item.input.email });
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    const orgRow = await must('GET', `/api/organizations/${org.organization_id}`, undefined, 200);
    work.push({ accountId: orgRow.duo_account_id, users });
  }
  await configure(...duoLike());
  console.log(`Running the plain script over ${work.length} account(s) (${work.reduce((n, w) => n + w.users.length, 0)} calls); this takes a while...`);
  plain = await plainEnroll(sdk, work);
}
sdk.close();
await hub.stop();
child.send({ type: 'close' } satisfies BulkEmulatorCommand);
await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2000).unref())]);
if (child.exitCode === null) child.kill();

// ---- figures -------------------------------------------------------------------------------------
const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
console.log(`\nBulk benchmark, the bundled hub with its defaults: users.enroll for every user without MFA, ${ACCOUNTS} child accounts x ${USERS} users,`);
console.log(`${LATENCY_MS} ms latency, Admin API writes limited to ${RATE}/min per account (token bucket, burst ${BURST}); Node ${process.version}\n`);
line('items (users without MFA)', `${total} (${((100 * total) / (ACCOUNTS * USERS)).toFixed(1)}%; ${Math.max(...perAccount)} in the largest account)`);
line('run: POST run + 250 ms polls', `${s(wallMs)}  (${end.counts.done} done, ${executed} enrollments carried out, 429s ${delta('429')}, hub peak rss ${(peakRss / MB).toFixed(0)} MB)`);
line('rate bound', `${bound.toFixed(2)} s = (${Math.max(...perAccount)} - burst ${BURST}) x 60/${RATE} s + one round trip`);
line('run / rate bound', bound > 0 ? `${(wallMs / 1000 / bound).toFixed(2)}x` : 'n/a (the burst covers every account)');
if (plain) {
  // Each planned item went through once; the other calls were 429s backed off.
  const share = total / Math.max(1, plain.calls - plain.rateLimited);
  const plainWall = (plain.wallMs / 1000) * share;
  line('plain script', `${(plain.wallMs / 1000).toFixed(1)} s over ${plain.accounts} account(s), ${plain.calls - plain.rateLimited} calls, ${plain.rateLimited} 429s backed off`);
  line('plain script, extrapolated to the fleet', `${plainWall.toFixed(0)} s (x${share.toFixed(2)} by items)`);
  line('speed-up over the plain script', `${(plainWall / (wallMs / 1000)).toFixed(1)}x`);
} else {
  line('plain script', 'skipped');
}
