import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type DemoSummary } from '../../src/demo/run-demo.js';

const CHROMIUM = '/usr/bin/chromium';
const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');

/**
 * The newcomer's click: the demo's sign-in link opened in a real browser signs the tab in, leaves no
 * token in the address bar, and a second use of the same link lands on the sign-in page saying why.
 */
describe.skipIf(!existsSync(CHROMIUM))('the demo sign-in link in Chromium (skipped without /usr/bin/chromium)', () => {
  let distDir: string;
  let profileDir: string;
  let context: BrowserContext;
  let summary: DemoSummary;
  let stop: () => void;
  let finished: Promise<unknown>;

  beforeAll(async () => {
    // The UI built from this checkout (packages/web/dist may predate it).
    distDir = await mkdtemp(path.join(tmpdir(), 'duohub-demo-web-'));
    await build({ root: webRoot, logLevel: 'warn', configFile: path.join(webRoot, 'vite.config.ts'), build: { outDir: distDir, emptyOutDir: true } });
    let out = '';
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    stop = release;
    finished = runDemo({ io: { out: (t) => void (out += t), err: () => {} }, env: {}, port: 0, json: true, until, webDist: distDir });
    for (let i = 0; i < 600 && !out.includes('"sign_in_url"'); i++) await new Promise((r) => setTimeout(r, 50));
    summary = JSON.parse(out);
    profileDir = await mkdtemp(path.join(tmpdir(), 'duohub-demo-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
  }, 90_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    stop?.();
    await finished;
    for (const dir of [distDir, profileDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('signs in once, removes the token from the address bar, and explains a reused link', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    // A deep link keeps its page (the app redirects only `/`), so the address shows what the link code left.
    const deep = summary.sign_in_url.replace('/#token=', '/audit?outcome=success#token=');
    await page.goto(deep);
    await page.getByRole('navigation', { name: 'Pages', exact: true }).waitFor();
    expect(page.url()).toBe(`${summary.hub_url}/audit?outcome=success`);
    const stored = await page.evaluate("sessionStorage.getItem('duohub.token')");
    expect(stored).toMatch(/^dh_/);
    // The link's history entry was replaced, not kept: Back leaves the app instead of returning to it.
    await page.goBack();
    expect(page.url()).toBe('about:blank');

    const again = await context.newPage();
    await again.goto(summary.sign_in_url);
    await again.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect.poll(() => again.getByRole('status').textContent()).toContain('already used');
    expect(again.url()).not.toContain('#token');
  }, 60_000);
});
