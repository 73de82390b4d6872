import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeLabel } from '../src/api/route-label.js';
import { PAGE_CSP, RESOURCE_CSP, securityHeaders } from '../src/api/security-headers.js';
import { startServer, type RunningServer } from '../src/server/start-server.js';
import { startTestHub, type TestHub } from './helpers/test-hub.js';

describe('securityHeaders', () => {
  it.each([
    ['/', 'text/html; charset=utf-8', PAGE_CSP, undefined],
    ['/organizations/org_1', 'text/html', PAGE_CSP, undefined],
    ['/assets/index-abc.js', 'text/javascript', RESOURCE_CSP, undefined],
    ['/api/docs', 'text/html; charset=UTF-8', PAGE_CSP, 'no-store'],
    ['/api/docs/swagger-ui-bundle.js', 'text/javascript', RESOURCE_CSP, 'no-store'],
    ['/api/organizations', 'application/json', RESOURCE_CSP, 'no-store'],
    ['/api', 'application/json', RESOURCE_CSP, 'no-store'],
    ['/v1/identity/mfa/method/duo', 'application/json', RESOURCE_CSP, 'no-store'],
    ['/healthz', 'application/json', RESOURCE_CSP, 'no-store'],
    ['/metrics', 'text/plain', RESOURCE_CSP, 'no-store'],
    ['/apis-are-ui-routes', null, RESOURCE_CSP, undefined],
  ])('%s (%s)', (p, type, csp, cache) => {
    const h = securityHeaders(p, type);
    expect(h['content-security-policy']).toBe(csp);
    expect(h['cache-control']).toBe(cache);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
  });

  it('keeps the page policy to the hub itself: no inline script, no other origin, no framing', () => {
    const directives = Object.fromEntries(PAGE_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(PAGE_CSP).not.toMatch(/unsafe-|https?:|\*/);
    expect(RESOURCE_CSP).toContain("frame-ancestors 'none'");
  });
});

describe('routeLabel', () => {
  const use = (p: string) => ({ method: 'ALL', path: p });
  const get = (p: string) => ({ method: 'GET', path: p });
  const post = (p: string) => ({ method: 'POST', path: p });
  it.each([
    ['a declared route that answered', [use('*'), use('/api/*'), get('/api/organizations/:id'), get('/api/organizations/:id')], 3, 200, '/api/organizations/{id}'],
    ['a 401 from the auth middleware', [use('*'), use('/api/*'), get('/api/organizations'), get('/api/organizations')], 1, 401, '/api/organizations'],
    ['a Vault 403 from the gate', [use('/*'), use('/v1/*'), use('/v1/*'), get('/v1/identity/mfa/method/duo/:id'), get('/*')], 1, 403, '/v1/identity/mfa/method/duo/{id}'],
    ['an action run', [use('*'), use('/api/*'), post('/api/actions/:id/run')], 2, 200, '/api/actions/{id}/run'],
    ['a route with a parameter pattern', [use('*'), get('/x/:id{[0-9]+}')], 1, 200, '/x/{id}'],
    ['the UI shell', [use('/*'), get('/*')], 1, 200, 'ui'],
    ['an API 404 passing the UI', [use('/*'), use('/api/*'), get('/*')], 2, 404, 'unmatched'],
    ['nothing at all', [use('*')], 0, 404, 'unmatched'],
    ['no routes', [], 0, 404, 'unmatched'],
  ])('%s', (_name, routes, index, status, label) => {
    expect(routeLabel(routes, index, status)).toBe(label);
  });
});

describe('over a real port', () => {
  let t: TestHub;
  let ui: RunningServer;
  let webDist: string;

  beforeAll(async () => {
    t = await startTestHub();
    // A stand-in for packages/web/dist: the shell and one hashed asset.
    webDist = await mkdtemp(path.join(tmpdir(), 'duohub-webdist-'));
    await mkdir(path.join(webDist, 'assets'));
    await writeFile(path.join(webDist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app-1.js"></script></head><body><div id="root"></div></body></html>');
    await writeFile(path.join(webDist, 'assets', 'app-1.js'), 'console.log("ui")');
    ui = await startServer({ hub: t.hub, port: 0, webDist });
  });

  afterAll(async () => {
    await ui?.close(500);
    await t?.close();
    await rm(webDist, { recursive: true, force: true });
  });

  const get = async (base: string, p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + p, { headers });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  function expectCommon(headers: Headers): void {
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  }

  it('sets the page policy on the UI and lets its files be cached', async () => {
    for (const p of ['/', '/organizations/org_1']) {
      const res = await get(ui.url, p);
      expect(res.status).toBe(200);
      expectCommon(res.headers);
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      expect(res.headers.get('cache-control')).toBeNull();
    }
    // Unknown API and Vault paths are JSON 404s, not the app shell.
    expect((await get(ui.url, '/api/nope', { authorization: `Bearer ${t.adminToken}` })).status).toBe(404);
    const vault = await get(ui.url, '/v1/sys/nope', { 'x-vault-token': t.adminToken });
    expect(vault.status).toBe(404);
    expect(JSON.parse(vault.text)).toHaveProperty('errors');
    const asset = await get(ui.url, '/assets/app-1.js');
    expect(asset.status).toBe(200);
    expectCommon(asset.headers);
    expect(asset.headers.get('cache-control')).toBeNull();
  });

  it('marks every API, Vault, health and metrics answer no-store, errors included', async () => {
    const answers = [
      await t.api('GET', '/api/organizations'),
      await t.api('GET', '/api/organizations', { token: null }),
      await t.api('GET', '/api/organizations', { token: 'dh_wrong' }),
      await t.api('GET', '/api/organizations/org_missing'),
      await t.api('POST', '/api/organizations', { body: { name: 123 } }),
      await t.api('GET', '/api/nope'),
      await t.api('GET', '/v1/identity/mfa/method/duo?list=true'),
      await t.api('GET', '/v1/identity/mfa/method/duo/x', { token: null }),
      await t.api('GET', '/healthz', { token: null }),
      await t.api('GET', '/metrics', { token: null }),
      await t.api('GET', '/api/openapi.json', { token: null }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 401, 404, 400, 404, 404, 403, 200, 200, 200]);
    for (const a of answers) {
      expectCommon(a.headers);
      expect(a.headers.get('cache-control')).toBe('no-store');
      expect(a.headers.get('content-security-policy')).toBe(RESOURCE_CSP);
    }
  });

  it('serves the docs page from the hub alone: no inline script, no other origin, every asset local', async () => {
    const page = await get(t.url, '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).not.toMatch(/https?:\/\//);
    // Every <script> loads a file; none carries code of its own.
    expect([...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].every((m) => /src="/.test(m[1]!) && m[2]!.trim() === '')).toBe(true);
    expect(page.text).not.toMatch(/\sstyle=|<style/);
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs).toContain('/api/docs/swagger-ui-bundle.js');
    expect(refs).toContain('/api/docs/init.js');
    for (const ref of refs) {
      expect(ref.startsWith('/')).toBe(true);
      const asset = await fetch(t.url + ref);
      expect(asset.status, ref).toBe(200);
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await asset.text();
      if (ref.endsWith('init.js')) {
        expect(body).toContain('SwaggerUIBundle');
        expect(body).toContain('validatorUrl: null');
        expect(body).not.toMatch(/https?:\/\//);
      }
      if (ref.endsWith('.js')) expect(asset.headers.get('content-type')).toMatch(/javascript/);
      if (ref.endsWith('.css')) expect(asset.headers.get('content-type')).toMatch(/text\/css/);
    }
    expect((await get(t.url, '/api/docs/package.json')).status).toBe(404);
    expect((await get(t.url, '/api/docs/..%2fpackage.json')).status).toBe(404);
  });

  it('labels metrics and logs by declared route, never by a wildcard or a raw path', async () => {
    await t.api('GET', '/v1/identity/mfa/method/duo/mfa_nope');
    await t.api('GET', '/v1/identity/mfa/method/duo/mfa_nope', { token: null });
    await t.api('GET', '/v1/identity/mfa/method/duo?list=true');
    await t.api('POST', '/api/actions/users.list/run', { body: { integration_id: 'int_nope' } });
    await t.api('POST', '/api/actions/users.list/run', { token: null, body: {} });
    await t.api('POST', '/api/actions/no.such.action/run', { body: {} });
    await t.api('GET', '/api/integrations/int_nope', { token: null });
    await t.api('GET', '/api/random-path-123');
    await get(ui.url, '/some/client/route-456');
    await get(ui.url, '/api/docs/swagger-ui.css');
    const metrics = (await get(t.url, '/metrics')).text + (await get(ui.url, '/metrics')).text;
    const labels = new Set([...metrics.matchAll(/duohub_http_requests_total\{method="\w+",route="([^"]*)",status="(\d+)"\}/g)].map((m) => `${m[1]} ${m[2]}`));
    expect(labels).toContain('/v1/identity/mfa/method/duo/{id} 404');
    expect(labels).toContain('/v1/identity/mfa/method/duo/{id} 403');
    expect(labels).toContain('/v1/identity/mfa/method/duo 404');
    // Each catalog action is declared as its own operation; unknown ones reach the generic route.
    expect(labels).toContain('/api/actions/users.list/run 401');
    expect(labels).toContain('/api/actions/{id}/run 404');
    expect(labels).toContain('/api/integrations/{id} 401');
    expect(labels).toContain('unmatched 404');
    expect(labels).toContain('ui 200');
    expect(labels).toContain('/api/docs/{file} 200');
    for (const l of labels) {
      expect(l).not.toContain('*');
      expect(l).not.toMatch(/mfa_nope|random-path|route-456|no\.such|int_nope/);
    }
    const logged = t.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(logged.some((l) => l.route === '/v1/identity/mfa/method/duo/{id}' && l.status === 403)).toBe(true);
    expect(logged.some((l) => l.route === '/api/actions/users.list/run' && l.status === 401)).toBe(true);
    expect(logged.every((l) => !String(l.route).includes('*'))).toBe(true);
  });
});
