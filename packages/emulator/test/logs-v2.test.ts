import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListeningServer } from '../src/index.js';
import { call } from './support-auth/signed-call.js';
import { demoFixture, type DemoFixture } from './support-auth/demo-fixture.js';

const DAY = 86_400_000;

/** 250 telephony rows and 250 activity rows over the last day, in pairs sharing a millisecond. */
function fill(f: DemoFixture, now: number): { telephony: string[]; activity: string[] } {
  const telephony: string[] = [];
  const activity: string[] = [];
  for (let i = 0; i < 250; i++) {
    const ts = now - DAY + Math.floor(i / 2) * 1000;
    telephony.push(f.emu.addLogEntry('telephony', { ts_ms: ts, phone: `+1555000${String(i).padStart(4, '0')}` }, f.account.account_id).telephony_id);
    activity.push(f.emu.addLogEntry('activity', { ts_ms: ts, action: 'group_update' }, f.account.account_id).activity_id);
  }
  return { telephony, activity };
}

type Get = (path: string, params: Record<string, string | string[]>) => Promise<{ status: number; body: any }>;

/** Walks a v2 log: python's repeated cursor on odd pages, go's comma-joined one on even pages. */
async function walk(get: Get, path: string, params: Record<string, string>) {
  const ids: string[] = [];
  const totals = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < 200; page++) {
    const q: Record<string, string | string[]> = { ...params };
    if (cursor) q['next_offset'] = page % 2 === 0 ? cursor : cursor.split(',').reverse();
    const res = await get(path, q);
    expect(res.status).toBe(200);
    const { items, metadata } = res.body.response;
    expect(res.body.metadata).toBeUndefined();
    totals.add(JSON.stringify(metadata.total_objects));
    ids.push(...items.map((x: any) => x.telephony_id ?? x.activity_id));
    if (!metadata.next_offset) break;
    // Two parts: the last row's ms time and its id.
    const [ts, id] = metadata.next_offset.split(',');
    expect(id).toBe(items.at(-1).telephony_id ?? items.at(-1).activity_id);
    expect(new Date(Number(ts)).toISOString().replace('Z', '000+00:00')).toBe(items.at(-1).ts);
    cursor = metadata.next_offset;
  }
  return { ids, totals };
}

describe('GET /admin/v2/logs/telephony and /admin/v2/logs/activity', () => {
  it.each(['/admin/v2/logs/telephony', '/admin/v2/logs/activity'])('%s pages every row once with the "ts,id" cursor, both ways', async (path) => {
    const f = demoFixture();
    const now = Date.now();
    const want = fill(f, now)[path.endsWith('telephony') ? 'telephony' : 'activity'];
    const get: Get = (p, q) => f.adminCall('GET', p, q);
    const window = { mintime: String(now - 2 * DAY), maxtime: String(now) };
    const asc = await walk(get, path, { ...window, limit: '7', sort: 'ts:asc' });
    expect(asc.ids).toEqual(want);
    expect([...asc.totals]).toEqual([JSON.stringify({ value: 250, relation: 'eq' })]);
    const desc = await walk(get, path, { ...window, limit: '100' });
    expect(desc.ids).toEqual([...want].reverse());
  });

  it.each([
    { params: { mintime: 'OLD' }, code: 40002, detail: 'mintime must be within the past 180 days' },
    { params: { maxtime: 'BEFORE_MIN' }, code: 40002, detail: 'maxtime must be greater than mintime' },
    { params: { mintime: 'NONE' }, code: 40001, detail: 'mintime' },
    { params: { next_offset: 'nonsense' }, code: 40002, detail: 'next_offset' },
    { params: { sort: 'oldest' }, code: 40002, detail: 'sort' },
  ])('refuses $params with $code', async ({ params, code, detail }) => {
    const f = demoFixture();
    const now = Date.now();
    const q: Record<string, string> = { mintime: String(now - DAY), maxtime: String(now) };
    for (const [k, v] of Object.entries(params)) {
      if (v === 'OLD') q[k] = String(now - 181 * DAY);
      else if (v === 'BEFORE_MIN') q[k] = String(now - 2 * DAY);
      else if (v === 'NONE') delete q[k];
      else q[k] = v;
    }
    for (const path of ['/admin/v2/logs/telephony', '/admin/v2/logs/activity', '/admin/v2/logs/authentication', '/admin/v1/trust_monitor/events']) {
      if (path.includes('trust_monitor') && (params.sort || params.next_offset)) continue;
      const res = await f.adminCall('GET', path, q);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({ stat: 'FAIL', code, message_detail: detail });
    }
  });

  it('accepts exactly 180 days back (what python sends), with a little slack for the trip', async () => {
    const f = demoFixture();
    const res = await f.adminCall('GET', '/admin/v2/logs/telephony', { mintime: String(Date.now() - 180 * DAY - 1_000), maxtime: String(Date.now()) });
    expect(res.status).toBe(200);
  });

  it('holds new rows back for logDelayMs', async () => {
    const clock = { t: Date.now() };
    const f = demoFixture({ now: () => clock.t, logDelayMs: 120_000 });
    const opts = () => ({ date: new Date(clock.t) });
    f.emu.addLogEntry('telephony', {}, f.account.account_id);
    const q = () => ({ mintime: String(clock.t - DAY), maxtime: String(clock.t) });
    expect((await f.adminCall('GET', '/admin/v2/logs/telephony', q(), opts())).body.response.items).toHaveLength(0);
    clock.t += 120_000;
    expect((await f.adminCall('GET', '/admin/v2/logs/telephony', q(), opts())).body.response.items).toHaveLength(1);
  });

  it('clamps limit to 1000, or refuses it with overMaxLimit: error', async () => {
    const f = demoFixture({ overMaxLimit: 'error' });
    const now = Date.now();
    const res = await f.adminCall('GET', '/admin/v2/logs/activity', { mintime: String(now - DAY), maxtime: String(now), limit: '1001' });
    expect(res.body).toMatchObject({ code: 40002, message_detail: 'limit' });
  });
});

describe('the log endpoints over a real port', () => {
  let f: DemoFixture;
  let server: ListeningServer;
  let get: Get;

  beforeAll(async () => {
    f = demoFixture();
    server = await f.emu.listen({ port: 0, host: '127.0.0.1' });
    get = (path, params) => call((r) => fetch(r), f.admin, 'GET', path, params, { baseUrl: server.url });
  });

  afterAll(async () => {
    await server.close();
  });

  it('v2 cursors, v1 mintime pages and Trust Monitor offsets all work over HTTP', async () => {
    const now = Date.now();
    const want = fill(f, now);
    const tel = await walk(get, '/admin/v2/logs/telephony', { mintime: String(now - 2 * DAY), maxtime: String(now), limit: '60', sort: 'ts:asc' });
    expect(tel.ids).toEqual(want.telephony);
    f.emu.addLogEntry('administrator', { object: 'over-http' }, f.account.account_id);
    const admin = await get('/admin/v1/logs/administrator', { mintime: String(Math.floor(now / 1000) - 10) });
    expect(admin.body.response.map((r: any) => r.object)).toContain('over-http');
    const events = await get('/admin/v1/trust_monitor/events', { mintime: String(now - 60 * DAY), maxtime: String(now + 1000), limit: '1' });
    expect(events.status).toBe(200);
    expect(events.body.response.events).toHaveLength(1);
    expect(typeof events.body.metadata.next_offset).toBe('string');
  });
});
