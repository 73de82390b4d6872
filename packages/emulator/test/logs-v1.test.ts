import { describe, expect, it } from 'vitest';
import { demoFixture, type DemoFixture } from './support-auth/demo-fixture.js';

const DAY = 86_400_000;

/** A demo emulator on a clock the test moves, and signed calls dated by it. */
function fixture(options: Parameters<typeof demoFixture>[0] = {}) {
  // On a whole second: `fillAdminLog` puts three rows 10 ms apart in each second, which holds only
  // when the clock is not in a second's last 20 ms (else one run in fifty saw other page sizes).
  const clock = { t: Math.floor(Date.now() / 1000) * 1000 };
  const f = demoFixture({ now: () => clock.t, ...options });
  const get = (path: string, params: Record<string, string> = {}) => f.adminCall('GET', path, params, { date: new Date(clock.t) });
  return { f, clock, get };
}

/** 2,500 administrator rows over the last hour, often several in one second. */
function fillAdminLog(f: DemoFixture, now: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < 2_500; i++) {
    const ts = now - 3_600_000 + Math.floor(i / 3) * 1000 + (i % 3) * 10;
    times.push(ts);
    f.emu.addLogEntry('administrator', { ts_ms: ts, action: 'user_update', object: `user-${i}`, description: JSON.stringify({ n: i }) }, f.account.account_id);
  }
  return times;
}

/** Pages as Duo documents it: ask from `mintime`, then from the newest row's second + 1 while pages are full. */
async function readV1(get: ReturnType<typeof fixture>['get'], path: string, mintime: number) {
  const rows: any[] = [];
  const sizes: number[] = [];
  for (let n = 0; n < 100; n++) {
    const res = await get(path, { mintime: String(mintime) });
    expect(res.status).toBe(200);
    const page = res.body.response as any[];
    sizes.push(page.length);
    rows.push(...page);
    if (page.length < 1000) break;
    mintime = Math.max(...page.map((r) => r.timestamp)) + 1;
  }
  return { rows, sizes };
}

describe('GET /admin/v1/logs/administrator', () => {
  it('answers the 1,000 oldest rows at or after mintime, plus the rest of the last second, so newest + 1 skips nothing', async () => {
    const { f, clock, get } = fixture();
    fillAdminLog(f, clock.t);
    const { rows, sizes } = await readV1(get, '/admin/v1/logs/administrator', Math.floor(clock.t / 1000) - 7200);
    expect(rows.map((r) => r.object)).toEqual(Array.from({ length: 2_500 }, (_, i) => `user-${i}`));
    // 1,000 rows end inside a second of three rows: its other rows come along.
    expect(sizes).toEqual([1_002, 1_002, 496]);
    expect(rows[0]).toEqual({
      action: 'user_update',
      description: '{"n":0}',
      eventtype: 'administrator',
      host: f.account.api_hostname,
      isotimestamp: new Date(Math.floor((clock.t - 3_600_000) / 1000) * 1000).toISOString().replace('.000Z', '+00:00'),
      object: 'user-0',
      timestamp: Math.floor((clock.t - 3_600_000) / 1000),
      username: 'API',
    });
  });

  it('cuts at exactly 1,000 rows with v1LogPageCut: exact (then newest + 1 can skip rows of that second)', async () => {
    const { f, clock, get } = fixture({ v1LogPageCut: 'exact' });
    fillAdminLog(f, clock.t);
    const { rows, sizes } = await readV1(get, '/admin/v1/logs/administrator', 0);
    expect(sizes[0]).toBe(1_000);
    expect(rows.length).toBeLessThan(2_500);
  });

  it('shows nothing older than 180 days, whatever mintime says (python sends 0)', async () => {
    const { f, clock, get } = fixture();
    f.emu.addLogEntry('administrator', { ts_ms: clock.t - 181 * DAY, object: 'too-old' }, f.account.account_id);
    f.emu.addLogEntry('administrator', { ts_ms: clock.t - 179 * DAY, object: 'kept' }, f.account.account_id);
    const res = await get('/admin/v1/logs/administrator', { mintime: '0' });
    expect(res.body.response.map((r: any) => r.object)).toEqual(['kept']);
    expect((await get('/admin/v1/logs/administrator')).body.response).toHaveLength(1);
  });

  it('holds rows back for logDelayMs, as Duo shows rows a while after they happen', async () => {
    const { f, clock, get } = fixture({ logDelayMs: 120_000 });
    await f.adminCall('POST', '/admin/v1/groups', { name: 'Delayed' }, { date: new Date(clock.t) });
    expect((await get('/admin/v1/logs/administrator', { mintime: '0' })).body.response).toEqual([]);
    clock.t += 119_000;
    expect((await get('/admin/v1/logs/administrator', { mintime: '0' })).body.response).toEqual([]);
    clock.t += 1_000;
    expect((await get('/admin/v1/logs/administrator', { mintime: '0' })).body.response.map((r: any) => r.object)).toEqual(['Delayed']);
    f.emu.configure({ logDelayMs: 0 });
    expect((await get('/admin/v1/logs/administrator', { mintime: '0' })).body.response).toHaveLength(1);
  });

  it('refuses a mintime that is not a number', async () => {
    const { get } = fixture();
    expect((await get('/admin/v1/logs/administrator', { mintime: 'yesterday' })).body).toMatchObject({ code: 40002, message_detail: 'mintime' });
  });
});

describe('GET /admin/v1/logs/authentication (deprecated)', () => {
  it('shows the authentication log in v1’s shape, oldest first', async () => {
    const { f, clock, get } = fixture();
    const since = clock.t - 30 * DAY;
    const want = f.account.auth_log.filter((e) => e.timestamp_ms >= Math.floor(since / 1000) * 1000).sort((a, b) => a.timestamp_ms - b.timestamp_ms || (a.txid < b.txid ? -1 : 1));
    const res = await get('/admin/v1/logs/authentication', { mintime: String(Math.floor(since / 1000)) });
    const rows = res.body.response;
    expect(rows.map((r: any) => r.txid)).toEqual(want.slice(0, 1000).map((e) => e.txid));
    const first = want[0]!;
    expect(rows[0]).toMatchObject({
      txid: first.txid,
      timestamp: Math.floor(first.timestamp_ms / 1000),
      username: first.username,
      eventtype: 'authentication',
      host: f.account.api_hostname,
      integration: f.account.integrations[first.integration_key]?.name ?? '',
      new_enrollment: false,
      location: { city: expect.any(String), state: expect.any(String), country: expect.any(String) },
    });
    expect(rows[0].result).toMatch(/^(SUCCESS|FAILURE|FRAUD|ERROR)$/);
  });
});

describe('GET /admin/v1/logs/offline_enrollment', () => {
  it('shows offline enrollments added through the emulator', async () => {
    const { f, clock, get } = fixture();
    const row = f.emu.addLogEntry('offline_enrollment', { username: 'narroway', action: 'o2fa_user_reenrolled' }, f.account.account_id);
    expect(row.ts_ms).toBe(clock.t);
    const res = await get('/admin/v1/logs/offline_enrollment', { mintime: String(Math.floor(clock.t / 1000)) });
    expect(res.body.response).toEqual([
      {
        action: 'o2fa_user_reenrolled',
        description: expect.stringContaining('"hostname"'),
        isotimestamp: expect.any(String),
        object: 'Microsoft Windows Logon',
        timestamp: Math.floor(clock.t / 1000),
        username: 'narroway',
      },
    ]);
    expect(JSON.parse(res.body.response[0].description)).toMatchObject({ factor: 'duo_otp', user_agent: expect.any(String) });
  });
});
