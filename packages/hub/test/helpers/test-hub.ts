import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmulator, type Emulator, type EmulatorOptions } from '@duohub/emulator';
import { ensureBootstrapToken } from '../../src/access/token-service.js';
import type { HubContext } from '../../src/hub-context.js';
import { defaultDuoConnectOptions, PacerRegistry, type DuoConnectOptions } from '../../src/integrations/duo-connect-options.js';
import { createLogger } from '../../src/log/create-logger.js';
import { SecretScrubber } from '../../src/log/secret-scrubber.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { startServer } from '../../src/server/start-server.js';
import { randomBytes } from 'node:crypto';

const FAST_RATES = {
  admin_modify: 60_000,
  admin_get_one: 60_000,
  admin_get_page: 60_000,
  admin_get_all: 60_000,
  admin_logs: 60_000,
  accounts: 60_000,
  auth: 60_000,
};

/** An answer from the hub under test. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** A hub on a real port with a fresh store, its logs captured line by line. */
export interface TestHub {
  hub: HubContext;
  store: Store;
  url: string;
  adminToken: string;
  dataDir: string;
  /** Every JSON log line written so far. */
  logs: string[];
  api(method: string, path: string, options?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<ApiAnswer>;
  close(): Promise<void>;
}

/** Starts a hub over a real port (SQLite in a temp dir unless `databaseUrl`); custom Duo origins are allowed unless `duo.allowCustomOrigins` is false. */
export async function startTestHub(options: { databaseUrl?: string; duo?: Partial<DuoConnectOptions>; now?: () => Date } = {}): Promise<TestHub> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-test-'));
  const logs: string[] = [];
  const scrubber = new SecretScrubber();
  const logger = createLogger({ level: 'debug', scrubber, destination: { write: (line: string) => void logs.push(line) } });
  const store = await openStore({ dataDir, databaseUrl: options.databaseUrl, masterKey: randomBytes(32), scrubber });
  const hub: HubContext = {
    store,
    logger,
    scrubber,
    // Duo's real budgets (40 account lists a minute) would only slow the suite down; pacing has its own tests in the SDK.
    duo: defaultDuoConnectOptions({
      checkTimeoutMs: 3000,
      timeoutMs: 5000,
      pacers: new PacerRegistry({ rates: FAST_RATES }),
      // Same retry decisions, millisecond waits.
      retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 50, jitterMs: 0, maxTotalWaitMs: 500 },
      // Nearly every test points integrations at the emulator with base_url; SSRF tests pass `allowCustomOrigins: false`.
      allowCustomOrigins: true,
      ...options.duo,
    }),
    now: options.now ?? (() => new Date()),
  };
  const { token } = await ensureBootstrapToken(hub, undefined);
  const server = await startServer({ hub, port: 0, webDist: null });
  const adminToken = token!;
  return {
    hub,
    store,
    url: server.url,
    adminToken,
    dataDir,
    logs,
    async api(method, p, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      const token = o.token === undefined ? adminToken : o.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = o.rawBody;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(server.url + p, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, headers: res.headers, text, body: parsed };
    },
    async close() {
      await server.close(500);
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** One credential set in the hub's API shape. */
export interface SetInput {
  api_host: string;
  integration_key: string;
  secret_key: string;
}

/** An emulator on a real port with the parent's three credential sets at hand. */
export interface TestEmulator {
  emulator: Emulator;
  url: string;
  parentId: string;
  sets: { admin: SetInput; accounts: SetInput; auth: SetInput };
  close(): Promise<void>;
}

/** Starts an emulator (default: empty seed, no rate limits) and extracts the parent's credentials. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = createEmulator({ seed: 'empty', ...options });
  const server = await emulator.listen({ port: 0, host: '127.0.0.1' });
  const parent = emulator.credentials().accounts.find((a) => a.parent_id === null)!;
  const pick = (type: 'admin' | 'accounts' | 'auth'): SetInput => {
    const i = parent.integrations.find((x) => x.type === type)!;
    return { api_host: i.api_hostname, integration_key: i.integration_key, secret_key: i.secret_key };
  };
  return {
    emulator,
    url: server.url,
    parentId: parent.account_id,
    sets: { admin: pick('admin'), accounts: pick('accounts'), auth: pick('auth') },
    close: () => emulator.close(),
  };
}
