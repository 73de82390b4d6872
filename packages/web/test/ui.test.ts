import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createEmulator, type Emulator } from '@duohub/emulator';
import { ensureBootstrapToken } from '../../hub/src/access/token-service.js';
import { defaultDuoConnectOptions } from '../../hub/src/integrations/duo-connect-options.js';
import { createLogger } from '../../hub/src/log/create-logger.js';
import { SecretScrubber } from '../../hub/src/log/secret-scrubber.js';
import { openStore, type Store } from '../../hub/src/store/open-store.js';
import { startServer } from '../../hub/src/server/start-server.js';

const CHROMIUM = '/usr/bin/chromium';
const webRoot = path.resolve(import.meta.dirname, '..');
const outDir = path.join(webRoot, 'test-output');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing; CI must run the browser test (scripts/setup.sh installs it)`);

describe.skipIf(!haveChromium)('web UI in a real browser (skipped without /usr/bin/chromium)', () => {
  let emulator: Emulator;
  let emulatorUrl = '';
  let store: Store;
  let server: { url: string; close(ms?: number): Promise<unknown> };
  let token = '';
  let context: BrowserContext;
  let page: Page;
  let dataDir = '';
  let profileDir = '';

  beforeAll(async () => {
    // Building takes about a second, so the test always builds rather than guessing staleness.
    await build({ root: webRoot, logLevel: 'warn', configFile: path.join(webRoot, 'vite.config.ts') });
    emulator = createEmulator({ seed: 'demo' });
    emulatorUrl = (await emulator.listen({ port: 0, host: '127.0.0.1' })).url;
    dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-web-'));
    profileDir = await mkdtemp(path.join(tmpdir(), 'duohub-chromium-'));
    const scrubber = new SecretScrubber();
    const logger = createLogger({ level: 'warn', scrubber, destination: { write: () => {} } });
    store = await openStore({ dataDir, masterKey: randomBytes(32), scrubber });
    const hub = { store, logger, scrubber, duo: defaultDuoConnectOptions({ checkTimeoutMs: 3000, timeoutMs: 5000 }), now: () => new Date() };
    token = (await ensureBootstrapToken(hub, undefined)).token!;
    server = await startServer({ hub, port: 0, host: '127.0.0.1', webDist: path.join(webRoot, 'dist') });
    await mkdir(outDir, { recursive: true });
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 45_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await server?.close(500).catch(() => {});
    await store?.close?.().catch(() => {});
    await emulator?.close().catch(() => {});
    for (const d of [dataDir, profileDir]) if (d) await rm(d, { recursive: true, force: true });
  });

  it('signs in, shows a wrong secret diagnosis, then saves the fixed integration', async () => {
    await page.goto(server.url + '/');
    await page.getByLabel('API token').fill('dh_not_a_real_token_000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/unauthorized|token/i);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    await page.getByText('No integrations yet').waitFor();

    const parent = emulator.credentials().accounts.find((a) => a.parent_id === null)!;
    const cred = (type: string) => parent.integrations.find((i) => i.type === type)!;
    await page.getByLabel('Name', { exact: true }).fill('Parent');
    await page.getByLabel('Base URL (optional)').fill(emulatorUrl);
    for (const [kind, label] of [['admin', 'Admin API'], ['accounts', 'Accounts API'], ['auth', 'Auth API']] as const) {
      const c = cred(kind);
      await page.getByLabel(`${label} host`).fill(c.api_hostname);
      await page.getByLabel(`${label} integration key`).fill(c.integration_key);
      await page.getByLabel(`${label} secret key`).fill(kind === 'admin' ? 'x'.repeat(40) : c.secret_key);
    }
    await page.getByRole('button', { name: 'Save' }).click();
    const adminResult = page.locator('li[data-kind="admin"]');
    await adminResult.waitFor();
    expect(await adminResult.getAttribute('data-status')).toBe('wrong_secret_key');
    expect(await page.locator('li[data-kind="auth"]').getAttribute('data-status')).toBe('ok');
    await page.screenshot({ path: path.join(outDir, 'integrations-wrong-secret.png'), fullPage: true });

    await page.getByLabel('Admin API secret key').fill(cred('admin').secret_key);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('All checks passed; saved.').waitFor();
    // Saved: the list shows the integration with a masked secret, never the secret itself.
    await page.getByRole('cell', { name: 'Parent', exact: true }).waitFor();
    const html = await page.content();
    expect(html).not.toContain(cred('admin').secret_key);
    expect(await page.getByLabel('Admin API secret key').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.screenshot({ path: path.join(outDir, 'integrations.png'), fullPage: true });
  }, 40_000);

  it('maps organizations with Suggest and Apply', async () => {
    const accounts = emulator.credentials().accounts;
    const parent = accounts.find((a) => a.parent_id === null)!;
    const children = accounts.filter((a) => a.parent_id === parent.account_id).slice(0, 2);
    for (const child of children) {
      const res = await fetch(server.url + '/api/organizations', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `${child.name} LLC` }),
      });
      expect(res.status).toBe(201);
    }
    await page.getByRole('button', { name: 'Organizations' }).click();
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    const first = children[0]!;
    const row = page.locator(`tr[data-org="${first.name} LLC"]`);
    await row.waitFor();
    expect(await row.locator('td.mapped').textContent()).toBe('unmapped');
    await page.getByRole('button', { name: 'Suggest' }).click();
    await page.getByText(/suggestion\(s\) to review/).waitFor();
    expect(await row.locator('td').nth(4).textContent()).toContain(first.name);
    await page.screenshot({ path: path.join(outDir, 'organizations-suggested.png'), fullPage: true });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/^Applied \d+/).waitFor();
    await expect.poll(() => row.locator('td.mapped').textContent()).toBe(`${first.name} (suggested)`);
    await page.screenshot({ path: path.join(outDir, 'organizations.png'), fullPage: true });
  }, 30_000);
});
