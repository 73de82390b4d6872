/**
 * Verification latency benchmark (`npm run bench:verify`; not a test). Measures the time from the
 * emulator's approval of a push to the hub's answer to `POST /api/verify`, two ways in one run:
 *   1. duohub: `auth_status` long-poll (Duo holds the call until the state changes);
 *   2. the same flow with Vault-style polling: `auth_status` answered at once, asked once a second.
 * Everything runs over real ports on this machine (emulators and hub in this process).
 * Options: --runs N (20 per mode) --delay MS (300: the user's reaction time; a random 0-1000 ms is
 *          added so approvals fall anywhere in a polling interval) --interval MS (1000)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEmulator, newUser, type Account, type Emulator } from '@duohub/emulator';
import { pino } from 'pino';
import { ensureBootstrapToken } from '../src/access/token-service.js';
import { coreRouteModules } from '../src/api/api-route-modules.js';
import type { HubContext } from '../src/hub-context.js';
import { defaultDuoConnectOptions, PacerRegistry } from '../src/integrations/duo-connect-options.js';
import { SecretScrubber } from '../src/log/secret-scrubber.js';
import { createVerifyRoutes, DEFAULT_VERIFY_ENGINE } from '../src/mfa/index.js';
import { vaultMethodRoutes } from '../src/mfa/vault-method-routes.js';
import { startServer, type RunningServer } from '../src/server/start-server.js';
import { openStore } from '../src/store/open-store.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    delay: { type: 'string', default: '300' },
    interval: { type: 'string', default: '1000' },
  },
});
const RUNS = Number(args.runs);
const DELAY_MS = Number(args.delay);
const INTERVAL_MS = Number(args.interval);

interface Mode {
  name: string;
  emulator: Emulator;
  url: string;
  server: RunningServer;
  methodId: string;
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-bench-verify-'));
const scrubber = new SecretScrubber();
const store = await openStore({ dataDir, masterKey: randomBytes(32), scrubber });
const hub: HubContext = {
  store,
  logger: pino({ level: 'silent' }),
  scrubber,
  duo: defaultDuoConnectOptions({ pacers: new PacerRegistry({ rates: { auth: 60_000 } }), allowCustomOrigins: true }),
  now: () => new Date(),
};
const { token } = await ensureBootstrapToken(hub, undefined);
const servers: RunningServer[] = [];
const emulators: Emulator[] = [];

async function mode(name: string, authLongPollMs: number, engine: typeof DEFAULT_VERIFY_ENGINE): Promise<Mode> {
  const emulator = createEmulator({ seed: 'empty', authLongPollMs });
  emulators.push(emulator);
  const listening = await emulator.listen({ port: 0, host: '127.0.0.1' });
  const server = await startServer({ hub, port: 0, webDist: null, routeModules: [...coreRouteModules, vaultMethodRoutes, createVerifyRoutes(engine)] });
  servers.push(server);
  const parent = emulator.credentials().accounts.find((a) => a.parent_id === null)!;
  const auth = parent.integrations.find((i) => i.type === 'auth')!;
  const res = await fetch(`${server.url}/v1/identity/mfa/method/duo`, {
    method: 'POST',
    headers: { 'x-vault-token': token!, 'content-type': 'application/json' },
    body: JSON.stringify({
      api_hostname: auth.api_hostname,
      integration_key: auth.integration_key,
      secret_key: auth.secret_key,
      base_url: listening.url,
      push_limit: 100,
      method_name: name,
    }),
  });
  const body = (await res.json()) as { data?: { method_id: string } };
  if (!body.data) throw new Error(`method for ${name}: ${res.status} ${JSON.stringify(body)}`);
  return { name, emulator, url: listening.url, server, methodId: body.data.method_id };
}

/** One verification: a fresh user whose push is approved after the delay; returns ms from approval to answer. */
async function once(m: Mode, i: number): Promise<number> {
  const account: Account = m.emulator.state.accounts[Object.keys(m.emulator.state.accounts)[0]!]!;
  const user = newUser(account, `bench-${m.name}-${i}`, Math.random, Date.now());
  const phoneId = `DP${String(i).padStart(18, '0')}`;
  account.phones[phoneId] = {
    phone_id: phoneId,
    number: '+14155550100',
    extension: '',
    name: '',
    type: 'mobile',
    platform: 'apple ios',
    model: 'iPhone',
    activated: true,
    capabilities: ['auto', 'push', 'phone', 'sms', 'mobile_otp'],
    sms_passcodes_sent: false,
    predelay: null,
    postdelay: null,
    last_seen: '',
    user_ids: [user.user_id],
  };
  user.phone_ids.push(phoneId);
  user.push_script = { outcome: 'approve', afterMs: DELAY_MS + Math.floor(Math.random() * 1000) };
  account.users[user.user_id] = user;
  const res = await fetch(`${m.server.url}/api/verify`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ method_id: m.methodId, username: user.username, timeout_seconds: 60 }),
  });
  const answeredAt = Date.now();
  const body = (await res.json()) as { outcome?: string };
  if (body.outcome !== 'approved') throw new Error(`${m.name} run ${i}: ${res.status} ${JSON.stringify(body)}`);
  const tx = Object.values(account.transactions).find((t) => t.user_id === user.user_id);
  if (!tx) throw new Error('no transaction recorded');
  // The emulator settles the push at resolve_at_ms (its timer fires then): that is the approval.
  return answeredAt - tx.resolve_at_ms;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), min: sorted[0]!, max: sorted.at(-1)! };
}

try {
  const longPoll = await mode('long-poll', 25_000, DEFAULT_VERIFY_ENGINE);
  const polling = await mode('vault-polling', 0, { ...DEFAULT_VERIFY_ENGINE, poll: { intervalMs: INTERVAL_MS } });
  // Warm up connections and code paths; not measured.
  await once(longPoll, 10_000);
  await once(polling, 10_000);
  const results: Record<string, number[]> = { [longPoll.name]: [], [polling.name]: [] };
  for (let i = 0; i < RUNS; i++) {
    results[longPoll.name]!.push(await once(longPoll, i));
    results[polling.name]!.push(await once(polling, i));
  }
  console.log(`verify latency: approval in the emulator -> answer of POST /api/verify (${RUNS} runs each, push delay ${DELAY_MS}+0..1000 ms)`);
  console.log('mode                 median   p95      min      max   (ms added after the approval)');
  for (const [name, samples] of Object.entries(results)) {
    const s = stats(samples);
    console.log(`${name.padEnd(20)} ${String(s.median).padStart(6)} ${String(s.p95).padStart(6)} ${String(s.min).padStart(8)} ${String(s.max).padStart(8)}`);
  }
  const lp = stats(results[longPoll.name]!);
  console.log(`target: long-poll median under 30 ms added -> ${lp.median < 30 ? 'met' : 'NOT met'} (${lp.median} ms)`);
} finally {
  for (const server of servers) await server.close(100);
  for (const emulator of emulators) await emulator.close();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
}
