import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createEmulator, type Emulator } from '@duohub/emulator';
import { ensureBootstrapToken } from '../../../hub/src/access/token-service.js';
import { defaultDuoConnectOptions } from '../../../hub/src/integrations/duo-connect-options.js';
import { createLogger } from '../../../hub/src/log/create-logger.js';
import { SecretScrubber } from '../../../hub/src/log/secret-scrubber.js';
import { openStore, type Store } from '../../../hub/src/store/open-store.js';
import { startServer } from '../../../hub/src/server/start-server.js';
import { startCoverageJobs } from '../../../hub/src/jobs/mfa-coverage/coverage-jobs.js';
import { startBulkJobs } from '../../../hub/src/bulk/bulk-jobs.js';
import { withLogTables, type LogEventsTable } from '../../../hub/src/logs/log-tables.js';
import { evaluateAlerts } from '../../../hub/src/logs/alerts/evaluate-alerts.js';
import { forwardingDb } from '../../../hub/src/logs/forwarding/forwarding-tables.js';
import type { Insertable } from 'kysely';

export const CHROMIUM = '/usr/bin/chromium';
export const webRoot = path.resolve(import.meta.dirname, '../..');
/** Screenshots land here (gitignored), one per page and state. */
export const outDir = path.join(webRoot, 'test-output');

/** An answer of the hub API as the harness sees it. */
export interface HarnessResponse {
  status: number;
  body: any;
}

/** What every browser flow gets: a real hub on a port, the emulator, a signed-in-capable Chromium tab. */
export interface UiHarness {
  page: Page;
  emulator: Emulator;
  emulatorUrl: string;
  serverUrl: string;
  /** The bootstrap admin token. */
  token: string;
  /** Content-Security-Policy violations any page reported so far (each flow must leave none). */
  cspViolations: string[];
  /** Calls the hub API directly (for setup and for checking what the UI did). */
  api(method: string, path: string, body?: unknown): Promise<HarnessResponse>;
  /** Opens `path` in the tab, signing in with the admin token when the sign-in form shows. */
  open(path: string): Promise<void>;
  /** Saves a full-page screenshot as test-output/<name>.png. */
  shot(name: string): Promise<void>;
  /** The emulator's parent-account integration saved in the hub (created through the API if absent). */
  ensureIntegration(): Promise<{ id: string; name: string }>;
  /** Organizations named after the first `n` child accounts, mapped to them (created if absent). */
  ensureMappedOrganizations(n: number): Promise<Array<{ id: string; name: string; duo_account_id: string }>>;
  /** Stores Duo log entries straight into the hub's store, as a log sync would. */
  insertLogEvents(rows: ReadonlyArray<Insertable<LogEventsTable>>): Promise<void>;
  /** Runs the alert rules once over events stored since the last run (the first run only sets the start). Returns the alerts fired. */
  evaluateAlerts(): Promise<number>;
  close(): Promise<void>;
}

/** Builds the UI into a private directory (flows may run in parallel checkouts), starts hub + emulator + Chromium. */
export async function startUiHarness(): Promise<UiHarness> {
  const distDir = await mkdtemp(path.join(tmpdir(), 'duohub-web-dist-'));
  await build({ root: webRoot, logLevel: 'warn', configFile: path.join(webRoot, 'vite.config.ts'), build: { outDir: distDir, emptyOutDir: true } });
  const emulator = createEmulator({ seed: 'demo' });
  const emulatorUrl = (await emulator.listen({ port: 0, host: '127.0.0.1' })).url;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-web-'));
  const profileDir = await mkdtemp(path.join(tmpdir(), 'duohub-chromium-'));
  const scrubber = new SecretScrubber();
  const logger = createLogger({ level: 'warn', scrubber, destination: { write: () => {} } });
  const store: Store = await openStore({ dataDir, masterKey: randomBytes(32), scrubber });
  // Flows hold emulator calls until they release them (a run seen mid-way): the hub must not give up on a
  // held call first, so Duo calls get the hub's own 30 s rather than a short test timeout.
  const hub = { store, logger, scrubber, duo: defaultDuoConnectOptions({ checkTimeoutMs: 3000, timeoutMs: 30_000, allowCustomOrigins: true }), now: () => new Date() };
  // Coverage runs started from the UI execute in-process, as under `duohub serve` on SQLite.
  const jobs = await startCoverageJobs(hub, {});
  // Bulk runs started from the UI execute in-process too, as `duohub serve` runs them.
  const bulkJobs = await startBulkJobs(hub, {});
  const token = (await ensureBootstrapToken(hub, undefined)).token!;
  const server = await startServer({ hub, port: 0, host: '127.0.0.1', webDist: distDir });
  await mkdir(outDir, { recursive: true });
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cspViolations: string[] = [];
  // Chromium reports every blocked script, style or request on the console; the hub's CSP must block none of the UI's own.
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });

  async function api(method: string, p: string, body?: unknown): Promise<HarnessResponse> {
    const res = await fetch(server.url + p, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const parent = () => emulator.credentials().accounts.find((a) => a.parent_id === null)!;

  const harness: UiHarness = {
    page,
    emulator,
    emulatorUrl,
    serverUrl: server.url,
    token,
    cspViolations,
    api,
    async open(p) {
      await page.goto(server.url + p);
      const signIn = page.getByRole('button', { name: 'Sign in' });
      const nav = page.getByRole('navigation', { name: 'Pages', exact: true });
      await Promise.race([signIn.waitFor(), nav.waitFor()]);
      if (await signIn.isVisible()) {
        await page.getByLabel('API token').fill(token);
        await signIn.click();
        await nav.waitFor();
      }
    },
    async shot(name) {
      await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
    },
    async ensureIntegration() {
      const list = await api('GET', '/api/integrations');
      const found = (list.body.items as Array<{ id: string; name: string }>).find((i) => i.name === 'Parent');
      if (found) return found;
      const set = (type: string) => {
        const c = parent().integrations.find((i) => i.type === type)!;
        return { api_host: c.api_hostname, integration_key: c.integration_key, secret_key: c.secret_key };
      };
      const res = await api('POST', '/api/integrations', { name: 'Parent', base_url: emulatorUrl, admin: set('admin'), accounts: set('accounts'), auth: set('auth') });
      if (res.status !== 201) throw new Error(`integration setup failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async ensureMappedOrganizations(n) {
      const integration = await harness.ensureIntegration();
      const children = emulator.credentials().accounts.filter((a) => a.parent_id === parent().account_id).slice(0, n);
      const orgs = (await api('GET', '/api/organizations')).body.items as Array<{ id: string; name: string; duo_account_id: string | null }>;
      const out: Array<{ id: string; name: string; duo_account_id: string }> = [];
      for (const child of children) {
        const name = `${child.name} LLC`;
        let org = orgs.find((o) => o.name === name);
        if (!org) {
          const created = await api('POST', '/api/organizations', { name });
          if (created.status !== 201) throw new Error(`organization setup failed: ${JSON.stringify(created.body)}`);
          org = created.body;
        }
        if (org!.duo_account_id !== child.account_id) {
          const patched = await api('PATCH', `/api/organizations/${org!.id}`, { integration_id: integration.id, duo_account_id: child.account_id });
          if (patched.status !== 200) throw new Error(`mapping setup failed: ${JSON.stringify(patched.body)}`);
          org = patched.body;
        }
        out.push({ id: org!.id, name, duo_account_id: child.account_id });
      }
      return out;
    },
    async insertLogEvents(rows) {
      for (let i = 0; i < rows.length; i += 500) await withLogTables(store.db).insertInto('log_events').values(rows.slice(i, i + 500)).execute();
    },
    async evaluateAlerts() {
      const result = await evaluateAlerts(forwardingDb(store.db), { nowMs: Date.now(), safetyWindowMs: 300_000, pageSize: 500, sweep: true });
      return result.created.length;
    },
    async close() {
      await context.close().catch(() => {});
      await server.close(500).catch(() => {});
      await jobs.stop().catch(() => {});
      await bulkJobs.stop().catch(() => {});
      await store.close?.().catch(() => {});
      await emulator.close().catch(() => {});
      for (const d of [dataDir, profileDir, distDir]) await rm(d, { recursive: true, force: true });
    },
  };
  return harness;
}
