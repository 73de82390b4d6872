import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServe } from '../src/server/run-serve.js';
import type { RunningServer } from '../src/server/start-server.js';
import { startTestHub, type TestHub } from './helpers/test-hub.js';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.close();
});

describe('public surface', () => {
  it('answers /healthz without a token', async () => {
    const res = await hub.api('GET', '/healthz', { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', store: 'sqlite' });
  });

  it('serves an OpenAPI 3.1 document declaring every core route with bearer security', async () => {
    const res = await hub.api('GET', '/api/openapi.json', { token: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const paths = res.body.paths;
    const expected: Array<[string, string]> = [
      ['/api/integrations', 'get'],
      ['/api/integrations', 'post'],
      ['/api/integrations/{id}', 'get'],
      ['/api/integrations/{id}', 'patch'],
      ['/api/integrations/{id}', 'delete'],
      ['/api/integrations/{id}/test', 'post'],
      ['/api/integrations/{id}/accounts', 'get'],
      ['/api/integrations/{id}/mapping-suggestions', 'get'],
      ['/api/integrations/{id}/mapping-suggestions/apply', 'post'],
      ['/api/organizations', 'get'],
      ['/api/organizations', 'post'],
      ['/api/organizations/{id}', 'get'],
      ['/api/organizations/{id}', 'patch'],
      ['/api/organizations/{id}', 'delete'],
      ['/api/tokens', 'get'],
      ['/api/tokens', 'post'],
      ['/api/tokens/{id}', 'delete'],
      ['/api/audit', 'get'],
    ];
    for (const [p, method] of expected) {
      expect(paths[p]?.[method], `${method} ${p}`).toBeDefined();
      expect(paths[p][method].security).toEqual([{ bearer: [] }]);
      expect(paths[p][method].description).toMatch(/Requires the `(read|operate|admin)` scope/);
    }
    // Secrets are write-only in the schemas: inputs accept them, outputs never carry them.
    expect(res.body.components.schemas.CredentialSetInput.required).toContain('secret_key');
    expect(Object.keys(res.body.components.schemas.CredentialSet.properties)).not.toContain('secret_key');
  });

  it('serves a docs page and a fallback home page', async () => {
    const docs = await hub.api('GET', '/api/docs', { token: null });
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('/api/openapi.json');
    const home = await hub.api('GET', '/', { token: null });
    expect(home.status).toBe(200);
    expect(home.text).toContain('href="/api/docs"');
  });

  it('exports Prometheus metrics by route and status', async () => {
    await hub.api('GET', '/api/organizations');
    await hub.api('GET', '/api/organizations');
    await hub.api('GET', '/api/organizations/org_missing');
    await hub.api('GET', '/api/organizations', { token: null });
    const res = await hub.api('GET', '/metrics', { token: null });
    expect(res.headers.get('content-type')).toContain('text/plain');
    const line = (route: string, status: number) =>
      res.text.split('\n').find((l) => l.startsWith(`duohub_http_requests_total{method="GET",route="${route}",status="${status}"}`));
    expect(line('/api/organizations', 200)).toMatch(/ 2$/);
    expect(line('/api/organizations', 401)).toMatch(/ 1$/);
    expect(line('/api/organizations/{id}', 404)).toMatch(/ 1$/);
    expect(res.text).toContain('# TYPE duohub_http_request_duration_seconds histogram');
    expect(res.text).toMatch(/duohub_http_request_duration_seconds_count\{method="GET",route="\/api\/organizations",status="200"\} 2/);
  });

  it('logs one JSON line per request with route, status and token id, never the token', async () => {
    const before = hub.logs.length;
    await hub.api('GET', '/api/tokens');
    await new Promise((r) => setTimeout(r, 20));
    const lines = hub.logs.slice(before).map((l) => JSON.parse(l));
    const entry = lines.find((l) => l.msg === 'request' && l.route === '/api/tokens');
    expect(entry).toMatchObject({ method: 'GET', status: 200 });
    expect(entry.token_id).toMatch(/^tok_/);
    expect(hub.logs.join('')).not.toContain(hub.adminToken);
  });
});

describe('audit queries and export', () => {
  it('filters, pages and exports CSV', async () => {
    for (const name of ['Audit A', 'Audit B', 'Audit C']) await hub.api('POST', '/api/organizations', { body: { name } });
    await hub.api('POST', '/api/organizations', { body: { name: 'Audit A' } });
    const page1 = await hub.api('GET', '/api/audit?action=organizations.create&limit=2');
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0].outcome).toBe('failure');
    expect(page1.body.items[0].error_code).toBe('conflict');
    const page2 = await hub.api('GET', `/api/audit?action=organizations.create&limit=2&cursor=${page1.body.next_cursor}`);
    expect(page2.body.items.map((e: any) => e.inputs.name)).toEqual(['Audit B', 'Audit A']);
    const failures = await hub.api('GET', '/api/audit?outcome=failure&action=organizations.create');
    expect(failures.body.items).toHaveLength(1);
    const future = await hub.api('GET', `/api/audit?since=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(future.body.items).toEqual([]);
    const csv = await hub.api('GET', '/api/audit?action=organizations.create&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('id,at,token_id,actor,action,organization_id,target_type,target_id,outcome,error_code,inputs');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toContain(',failure,conflict,');
    expect(rows[2]).toContain('"{""name"":""Audit C""');
  });
});

describe('duohub serve', () => {
  it('prints a bootstrap token once, accepts DUOHUB_ADMIN_TOKEN, and shuts down cleanly', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-serve-'));
    const logs: string[] = [];
    const logDestination = { write: (l: string) => void logs.push(l) };
    try {
      const first = await serveOnce({ DUOHUB_DATA_DIR: dataDir, DUOHUB_PORT: '0' }, logDestination);
      const token = /\n {2}(dh_\S+)\n/.exec(first.err)?.[1];
      expect(token).toBeTruthy();
      expect(first.status).toBe(200);

      const configured = 'dh_' + randomBytes(24).toString('base64url');
      const second = await serveOnce({ DUOHUB_DATA_DIR: dataDir, DUOHUB_PORT: '0', DUOHUB_ADMIN_TOKEN: configured }, logDestination, token!);
      expect(second.err).toBe('');
      expect(second.status).toBe(200);
      const third = await serveOnce({ DUOHUB_DATA_DIR: dataDir, DUOHUB_PORT: '0' }, logDestination, configured);
      expect(third.status).toBe(200);
      const all = logs.join('');
      expect(all).toContain('duohub listening');
      expect(all).toContain('shutting down');
      expect(all).not.toContain(token!);
      expect(all).not.toContain(configured);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

async function serveOnce(env: Record<string, string>, logDestination: { write(l: string): void }, token?: string) {
  let err = '';
  let stop!: () => void;
  const until = new Promise<void>((r) => (stop = r));
  let server!: RunningServer;
  const listening = new Promise<void>((resolve) => {
    void runServe({
      env,
      io: { out: () => {}, err: (t) => void (err += t) },
      until,
      logDestination,
      onListening: (s) => {
        server = s;
        resolve();
      },
    }).then((code) => {
      exitCode = code;
    });
  });
  let exitCode: number | undefined;
  await listening;
  const res = await fetch(`${server.url}/api/organizations`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const status = token ? res.status : (await fetch(`${server.url}/healthz`)).status;
  stop();
  await server.close();
  for (let i = 0; i < 100 && exitCode === undefined; i++) await new Promise((r) => setTimeout(r, 10));
  expect(exitCode).toBe(0);
  return { err, status };
}

describe('web UI seam', () => {
  it('serves packages/web/dist-style files, falls back to index.html for client routes, keeps API 404s', async () => {
    const { createApp } = await import('../src/api/create-app.js');
    const { mkdir, writeFile } = await import('node:fs/promises');
    const dist = await mkdtemp(path.join(tmpdir(), 'duohub-web-'));
    try {
      await writeFile(path.join(dist, 'index.html'), '<!doctype html><div id="root">duohub ui</div>');
      await mkdir(path.join(dist, 'assets'));
      await writeFile(path.join(dist, 'assets', 'app.js'), 'console.log("ui")');
      const app = createApp({ hub: hub.hub, webDist: dist });
      const home = await app.request('/');
      expect(await home.text()).toContain('duohub ui');
      const asset = await app.request('/assets/app.js');
      expect(asset.headers.get('content-type')).toContain('javascript');
      expect(await asset.text()).toContain('console.log');
      const clientRoute = await app.request('/organizations/123');
      expect(await clientRoute.text()).toContain('duohub ui');
      const api = await app.request('/api/nothing', { headers: { authorization: `Bearer ${hub.adminToken}` } });
      expect(api.status).toBe(404);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
      expect((await app.request('/healthz')).status).toBe(200);
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});
