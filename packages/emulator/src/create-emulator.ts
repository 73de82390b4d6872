import { stateChanged } from './serialize/user-json-cache.js';
import type { Emulator, EmulatorCredentials, ListeningServer, RuntimeConfig } from './emulator.js';
import { serveHttp } from './http/serve-http.js';
import { handleInspection, INSPECTION_PREFIX } from './inspection/handle-inspection.js';
import { handleRequest, type Outcome, type PipelineEnv } from './pipeline/handle-request.js';
import { createRandom } from './random.js';
import { RateDecisionLog } from './rate-decision-log.js';
import { RateLimiter } from './rate-limit.js';
import { resolveOptions } from './resolve-options.js';
import type { EmulatorOptions, Route } from './route.js';
import { routes as builtInRoutes } from './routes/index.js';
import { buildState } from './seed/build-state.js';
import { StatsRecorder } from './stats-recorder.js';
import { addLogEntry } from './logs/add-log-entry.js';
import type { EmulatorState } from './state/types.js';

const RUNTIME_KEYS = [
  'faults',
  'rateLimits',
  'clockSkewSec',
  'rejectSha1',
  'overMaxLimit',
  'otp',
  'unknownHosts',
  'authLongPollMs',
  'newUserPolicy',
  'logDelayMs',
] as const;

/** Creates a local Duo: in-process `fetch`, `listen` on a port, live state, overrides, stats and reset. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveOptions(options);
  // Seeds are pure functions of (seed, random seed, time): reset() rebuilds rather than keeping a
  // deep copy, which for a 250,000-user fleet cost more time and memory than building it.
  const seededAt = resolved.now();
  const seedState = () => buildState(options.seed, createRandom(resolved.randomSeed), seededAt);
  const state: EmulatorState = seedState();
  if (resolved.defaultAccountId !== undefined && !state.accounts[resolved.defaultAccountId]) {
    throw new TypeError(`defaultAccountId ${resolved.defaultAccountId} is not an account of the seed`);
  }
  // Independent streams: handler ids, fault draws and the seed never shift one another.
  const runtimeSeed = (resolved.randomSeed ^ 0x5bd1e995) >>> 0;
  const faultSeed = (resolved.randomSeed ^ 0x27d4eb2f) >>> 0;
  const stats = new StatsRecorder();
  let overrides: Route[] = [];
  const rateDecisions = new RateDecisionLog(resolved.recordRateDecisions);
  let limiter = new RateLimiter(resolved.rateLimits, resolved.now, rateDecisions);
  const servers = new Set<ListeningServer>();

  const env: PipelineEnv = {
    state,
    options: resolved,
    routeLists: () => [overrides, builtInRoutes],
    random: createRandom(runtimeSeed),
    faultRandom: createRandom(faultSeed),
    limiter: () => limiter,
    stats,
  };

  // The state object is replaced in place so that references handed out earlier stay live.
  const replaceState = (copy: EmulatorState) => {
    stateChanged(state);
    state.parent_account_id = copy.parent_account_id;
    state.accounts = copy.accounts;
  };

  const dispatch = async (request: Request): Promise<Outcome> => {
    const url = new URL(request.url);
    if (url.pathname.startsWith(INSPECTION_PREFIX)) {
      return { kind: 'response', response: await handleInspection(emulator, request, url) };
    }
    return handleRequest(env, request);
  };

  const emulator: Emulator = {
    async fetch(input: Request | string | URL, init?: RequestInit) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const outcome = await dispatch(request);
      if (outcome.kind === 'reset') {
        // What undici's fetch throws when the peer drops the connection.
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }) });
      }
      return outcome.response;
    },
    async listen(opts = {}) {
      const server = await serveHttp(dispatch, opts);
      servers.add(server);
      return {
        url: server.url,
        port: server.port,
        connections: () => server.connections(),
        close: async () => {
          servers.delete(server);
          await server.close();
        },
      };
    },
    get state() {
      return state;
    },
    get options() {
      return resolved;
    },
    configure(patch: RuntimeConfig) {
      for (const key of RUNTIME_KEYS) {
        if (patch[key] !== undefined) (resolved as Record<string, unknown>)[key] = patch[key];
      }
      if (patch.rateLimits !== undefined) limiter = new RateLimiter(resolved.rateLimits, resolved.now, rateDecisions);
    },
    credentials: () => credentialsOf(state),
    use(...routes: Route[]) {
      overrides = [...routes, ...overrides];
    },
    resetHandlers() {
      overrides = [];
    },
    reset() {
      replaceState(seedState());
      env.random = createRandom(runtimeSeed);
      env.faultRandom = createRandom(faultSeed);
      stats.clear();
      limiter.reset();
    },
    exportState: () => structuredClone(state),
    importState(next: EmulatorState) {
      if (!next?.accounts?.[next.parent_account_id]) {
        throw new TypeError('state has no parent account (parent_account_id must name one of accounts)');
      }
      replaceState(structuredClone(next));
    },
    stats: () => stats.snapshot(),
    rateDecisions: (options?: { clear?: boolean }) => rateDecisions.list(options?.clear),
    addTrustMonitorEvent: (event = {}, accountId) => addLogEntry(state, 'trust_monitor', { ...event, ...(accountId ? { account_id: accountId } : {}) }, resolved.now()),
    addLogEntry: (kind, entry = {}, accountId) => addLogEntry(state, kind, { ...entry, ...(accountId ? { account_id: accountId } : {}) }, resolved.now()),
    async close() {
      const open = [...servers];
      servers.clear();
      await Promise.all(open.map((s) => s.close()));
    },
  };
  return emulator;
}

function credentialsOf(state: EmulatorState): EmulatorCredentials {
  const accounts = Object.values(state.accounts).sort(
    (a, b) => Number(a.parent_id !== null) - Number(b.parent_id !== null),
  );
  return {
    accounts: accounts.map((account) => ({
      account_id: account.account_id,
      name: account.name,
      api_hostname: account.api_hostname,
      parent_id: account.parent_id,
      integrations: Object.values(account.integrations).map((i) => ({
        type: i.type,
        name: i.name,
        integration_key: i.integration_key,
        secret_key: i.secret_key,
        api_hostname: account.api_hostname,
        ...(i.grants ? { grants: { ...i.grants } } : {}),
      })),
    })),
  };
}
