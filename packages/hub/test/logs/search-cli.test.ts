import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { loadConfig } from '../../src/config/load-config.js';
import { openHub } from '../../src/server/open-hub.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { idsOf } from './support/log-api.js';
import { buildLogEvents, insertFixtureIntegration, insertLogEvents, type LogRow } from './support/log-event-fixture.js';

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args], { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, env });
  return { code, out, err };
}

describe('duohub logs search and export against a running hub (--url)', () => {
  let t: TestHub;
  let rows: LogRow[];
  let A: string;
  let limitedA: string;
  const remote = () => ['--url', t.url, '--token', t.adminToken];

  beforeAll(async () => {
    t = await startTestHub();
    const integrationId = await insertFixtureIntegration(t.store.db);
    A = (await t.api('POST', '/api/organizations', { body: { name: 'Alpha Cli Org' } })).body.id;
    const B = (await t.api('POST', '/api/organizations', { body: { name: 'Bravo Cli Org' } })).body.id;
    limitedA = (await t.api('POST', '/api/tokens', { body: { name: 'cli reader', scopes: ['read'], organization_ids: [A] } })).body.token;
    rows = buildLogEvents({
      integrationId,
      now: Date.now(),
      orgs: [
        { id: A, accountId: 'DACLIALPHA0000000001', userPrefix: 'alpha' },
        { id: B, accountId: 'DACLIBRAVO0000000002', userPrefix: 'bravo' },
      ],
      days: 10,
    });
    await insertLogEvents(t.store.db, rows);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('--json prints the API page for the same filters (organization by name, a duration for --since)', async () => {
    const week = 7 * 86_400_000;
    const before = Date.now();
    const res = await cli(['logs', 'search', '--org', 'alpha cli org', '--result', 'denied', '--since', '7d', '--limit', '1000', '--json', ...remote()]);
    const after = Date.now();
    expect(res.code, res.err).toBe(0);
    const items = JSON.parse(res.out).items as Array<{ id: string; occurred_at: string }>;
    const matching = rows.filter((r) => r.organization_id === A && r.result === 'denied');
    // 7d became an instant between (before - 7d) and (after - 7d): every row after that window is
    // there, none before it, in the search order.
    const sure = matching.filter((r) => r.occurred_at >= after - week);
    const possible = matching.filter((r) => r.occurred_at >= before - week);
    expect(idsOf(items)).toEqual(idsOf(possible).slice(0, items.length));
    expect(items.length).toBeGreaterThanOrEqual(sure.length);
    expect(sure.length).toBeGreaterThan(0);
    expect(matching.length).toBeGreaterThan(possible.length);
  });

  it('prints a table by default, and the next cursor on stderr', async () => {
    const res = await cli(['logs', 'search', '--org', A, '--type', 'authentication', '--user', 'alpha-alice', '--limit', '3', ...remote()]);
    expect(res.code, res.err).toBe(0);
    const lines = res.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^time\s+type\s+organization\s+user\s+application\s+factor\s+result\s+reason\s+event\s+ip$/);
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z\s+authentication\s+Alpha Cli Org\s+alpha-alice\s+/);
    const cursor = /more: add --cursor (\S+)/.exec(res.err)?.[1];
    expect(cursor).toBeDefined();
    const next = await cli(['logs', 'search', '--org', A, '--type', 'authentication', '--user', 'alpha-alice', '--limit', '3', '--cursor', cursor!, '--json', ...remote()]);
    const all = rows.filter((r) => r.organization_id === A && r.username === 'alpha-alice' && r.log_type === 'authentication');
    expect(idsOf(JSON.parse(next.out).items)).toEqual(idsOf(all.slice(3, 6)));
  });

  it('several organizations and types, and free text', async () => {
    const res = await cli(['logs', 'search', '--org', 'Alpha Cli Org', 'Bravo Cli Org', '--type', 'telephony,administrator', '--limit', '1000', '--json', ...remote()]);
    expect(res.code, res.err).toBe(0);
    expect(idsOf(JSON.parse(res.out).items)).toEqual(idsOf(rows.filter((r) => r.log_type !== 'authentication')));
    const text = await cli(['logs', 'search', '--text', 'BOB', '--limit', '1000', '--json', ...remote()]);
    expect(idsOf(JSON.parse(text.out).items)).toEqual(idsOf(rows.filter((r) => r.username?.includes('bob'))));
  });

  it('export streams the same bytes the API serves, as CSV and JSON lines', async () => {
    for (const format of ['csv', 'jsonl']) {
      const res = await cli(['logs', 'export', '--format', format, '--org', A, '--result', 'fraud', ...remote()]);
      expect(res.code, res.err).toBe(0);
      const api = await t.api('GET', `/api/logs/export?format=${format}&organization_id=${A}&result=fraud`);
      expect(res.out).toBe(api.text);
      expect(res.out.length).toBeGreaterThan(100);
    }
    const plain = await cli(['logs', 'export', ...remote()]);
    expect(plain.out.trimEnd().split('\n')).toHaveLength(rows.length);
  });

  it('a limited token sees its organization only', async () => {
    const res = await cli(['logs', 'export', '--format', 'jsonl', '--url', t.url, '--token', limitedA]);
    expect(res.code, res.err).toBe(0);
    const ids = res.out.trimEnd().split('\n').map((l) => JSON.parse(l).id);
    expect(ids).toEqual(idsOf(rows.filter((r) => r.organization_id === A)));
    expect(res.out).not.toContain('bravo');
  });

  it('bad flags end with the hub naming the field, exit code 1, nothing on stdout for export', async () => {
    const since = await cli(['logs', 'search', '--since', 'yesterday', ...remote()]);
    expect(since.code).toBe(1);
    expect(since.err).toMatch(/validation_failed/);
    expect(since.err).toMatch(/since: must be epoch milliseconds/);
    const format = await cli(['logs', 'export', '--format', 'xlsx', ...remote()]);
    expect(format.code).toBe(1);
    expect(format.out).toBe('');
    expect(format.err).toMatch(/format: /);
    const type = await cli(['logs', 'search', '--type', 'auth', ...remote()]);
    expect(type.code).toBe(1);
    expect(type.err).toMatch(/log_type/);
    const org = await cli(['logs', 'search', '--org', 'Nonexistent Org', ...remote()]);
    expect(org.code).toBe(1);
    expect(org.err).toMatch(/no organization named "Nonexistent Org"/);
  });
});

describe('duohub logs search on the local store', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let rows: LogRow[];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-logs-cli-'));
    env = { DUOHUB_DATA_DIR: dataDir, DUOHUB_MASTER_KEY: randomBytes(32).toString('base64') };
    const opened = await openHub({ config: loadConfig(env), logger: pino({ level: 'silent' }) });
    try {
      const integrationId = await insertFixtureIntegration(opened.hub.store.db);
      rows = buildLogEvents({ integrationId, now: Date.now(), orgs: [{ id: null, accountId: 'DALOCAL0000000000001', userPrefix: 'local' }], days: 2 });
      await insertLogEvents(opened.hub.store.db, rows);
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('searches and exports in-process as the operator', async () => {
    const res = await cli(['logs', 'search', '--account', 'DALOCAL0000000000001', '--limit', '1000', '--json'], env);
    expect(res.code, res.err).toBe(0);
    expect(idsOf(JSON.parse(res.out).items)).toEqual(idsOf(rows));
    const table = await cli(['logs', 'search', '--limit', '2'], env);
    expect(table.out).toContain('(DALOCAL0000000000001)');
    const csv = await cli(['logs', 'export', '--format', 'csv'], env);
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out.split('\r\n').filter(Boolean)).toHaveLength(rows.length + 1);
  });
});
