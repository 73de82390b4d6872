import { describe, expect, it } from 'vitest';
import type { AuthLogEntry } from '../src/state/types.js';
import { demoFixture, type DemoFixture } from './support-auth/demo-fixture.js';

const DAY = 86_400_000;

function window(f: DemoFixture) {
  const now = Date.now();
  return { mintime: String(now - 180 * DAY + 60_000), maxtime: String(now) };
}

/** Ground truth: the rows a query should return, from the state itself. */
function expected(f: DemoFixture, pred: (e: AuthLogEntry) => boolean = () => true, order: 'asc' | 'desc' = 'asc') {
  const min = Date.now() - 180 * DAY;
  const rows = f.account.auth_log.filter((e) => e.timestamp_ms >= min && pred(e));
  rows.sort((a, b) => a.timestamp_ms - b.timestamp_ms || (a.txid < b.txid ? -1 : 1));
  if (order === 'desc') rows.reverse();
  return rows.map((e) => e.txid);
}

/** Reads every page, alternating python's repeated cursor with go's comma-joined one. */
async function readAll(f: DemoFixture, params: Record<string, string | string[]>) {
  const txids: string[] = [];
  let cursor: [string, string] | undefined;
  const totals = new Set<number>();
  for (let page = 0; page < 1000; page++) {
    const q: Record<string, string | string[]> = { ...params };
    if (cursor) q['next_offset'] = page % 2 === 0 ? `${cursor[0]},${cursor[1]}` : [cursor[1], cursor[0]];
    const res = await f.adminCall('GET', '/admin/v2/logs/authentication', q);
    expect(res.status).toBe(200);
    expect(res.body.metadata).toBeUndefined();
    const { authlogs, metadata } = res.body.response;
    totals.add(metadata.total_objects);
    txids.push(...authlogs.map((a: { txid: string }) => a.txid));
    if (!metadata.next_offset) break;
    // The cursor names the page's last row: its ms timestamp and txid.
    expect(metadata.next_offset[1]).toBe(authlogs.at(-1).txid);
    expect(Math.floor(Number(metadata.next_offset[0]) / 1000)).toBe(authlogs.at(-1).timestamp);
    cursor = metadata.next_offset;
  }
  return { txids, totals };
}

describe('GET /admin/v2/logs/authentication', () => {
  it('pages through the whole window with the cursor in both client styles, oldest first', async () => {
    const f = demoFixture();
    const want = expected(f);
    expect(want.length).toBeGreaterThan(20);
    const { txids, totals } = await readAll(f, { ...window(f), limit: '7', sort: 'ts:asc' });
    expect(txids).toEqual(want);
    expect([...totals]).toEqual([want.length]);
  });

  it('sorts newest first by default, 100 rows a page', async () => {
    const f = demoFixture();
    const res = await f.adminCall('GET', '/admin/v2/logs/authentication', window(f));
    const want = expected(f, undefined, 'desc');
    expect(res.body.response.authlogs.map((a: { txid: string }) => a.txid)).toEqual(want.slice(0, 100));
    expect(res.body.response.metadata.total_objects).toBe(want.length);
    expect(Boolean(res.body.response.metadata.next_offset)).toBe(want.length > 100);
  });

  it('filters by users, results and factors (repeated or comma-joined), and by groups', async () => {
    const f = demoFixture();
    const ids = [...new Set(f.account.auth_log.map((e) => e.user_id))].filter((x): x is string => x !== null).slice(0, 3);
    const byUsers = await readAll(f, { ...window(f), sort: 'ts:asc', users: ids });
    expect(byUsers.txids).toEqual(expected(f, (e) => ids.includes(e.user_id ?? '')));
    const failures = await readAll(f, { ...window(f), sort: 'ts:asc', results: 'denied,fraud' });
    expect(failures.txids).toEqual(expected(f, (e) => e.result === 'denied' || e.result === 'fraud'));
    expect(failures.txids.length).toBeGreaterThan(0);
    const push = await readAll(f, { ...window(f), sort: 'ts:asc', factors: ['duo_push'], results: ['success'] });
    expect(push.txids).toEqual(expected(f, (e) => e.factor === 'duo_push' && e.result === 'success'));
    const group = Object.values(f.account.groups)[0]!;
    const members = new Set(Object.values(f.account.users).filter((u) => u.group_ids.includes(group.group_id)).map((u) => u.user_id));
    const byGroup = await readAll(f, { ...window(f), sort: 'ts:asc', groups: group.group_id });
    expect(byGroup.txids).toEqual(expected(f, (e) => members.has(e.user_id ?? '')));
  });

  it("answers items in Duo's authlog shape", async () => {
    const f = demoFixture();
    const entry = f.account.auth_log.filter((e) => e.timestamp_ms > Date.now() - 180 * DAY).at(-1)!;
    const res = await f.adminCall('GET', '/admin/v2/logs/authentication', { ...window(f), limit: '1' });
    const item = res.body.response.authlogs[0];
    const user = f.account.users[entry.user_id!]!;
    expect(item).toMatchObject({
      txid: entry.txid,
      timestamp: Math.floor(entry.timestamp_ms / 1000),
      isotimestamp: new Date(entry.timestamp_ms).toISOString().replace('Z', '+00:00'),
      event_type: 'authentication',
      factor: entry.factor,
      result: entry.result,
      reason: entry.reason,
      user: { key: user.user_id, name: user.username },
      application: { key: entry.integration_key, name: 'Auth API' },
      access_device: { ip: entry.ip },
      auth_device: { name: entry.device },
      email: user.email,
    });
  });

  it('shows new Auth API attempts', async () => {
    const f = demoFixture();
    const u = f.user((x, a) => x.status === 'active' && x.phone_ids.some((id) => a.phones[id]!.activated) && !x.push_script, 'push');
    const auth = await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'push' });
    expect(auth.body.response.result).toBe('allow');
    const res = await f.adminCall('GET', '/admin/v2/logs/authentication', { ...window(f), users: u.user_id, limit: '1' });
    expect(res.body.response.authlogs[0]).toMatchObject({ user: { key: u.user_id }, factor: 'duo_push', result: 'success', reason: 'user_approved' });
  });

  it.each([
    { params: { maxtime: '1' }, status: 400, code: 40001, detail: 'mintime' },
    { params: { mintime: 'yesterday' }, status: 400, code: 40002, detail: 'mintime' },
    { params: { mintime: 'OLD' }, status: 400, code: 40002, detail: 'mintime must be within the past 180 days' },
    { params: { maxtime: 'BEFORE_MIN' }, status: 400, code: 40002, detail: 'maxtime must be greater than mintime' },
    { params: { sort: 'ts' }, status: 400, code: 40002, detail: 'sort' },
    { params: { limit: '0' }, status: 400, code: 40002, detail: 'limit' },
    { params: { next_offset: 'garbage' }, status: 400, code: 40002, detail: 'next_offset' },
  ])('bad input $params -> $code $detail', async ({ params, status, code, detail }) => {
    const f = demoFixture();
    const w = window(f);
    const q: Record<string, string> = { ...w };
    for (const [k, v] of Object.entries(params)) {
      if (v === 'OLD') q[k] = String(Date.now() - 181 * DAY);
      else if (v === 'BEFORE_MIN') q[k] = String(Number(w.mintime) - 1);
      else q[k] = v;
    }
    if (params.maxtime === '1') delete q['mintime'];
    const res = await f.adminCall('GET', '/admin/v2/logs/authentication', q);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ stat: 'FAIL', code, message_detail: detail });
  });

  it('clamps limit to 1000 by default, refuses it with overMaxLimit error', async () => {
    const f = demoFixture();
    const base = Date.now() - DAY;
    for (let i = 0; i < 1_100; i++) {
      f.account.auth_log.push({
        txid: `bulk-${String(i).padStart(5, '0')}`,
        timestamp_ms: base + i,
        user_id: null,
        username: 'bulk',
        factor: 'duo_push',
        result: 'success',
        reason: 'user_approved',
        integration_key: f.auth.integration_key,
        ip: null,
        hostname: null,
        device: null,
      });
    }
    const res = await f.adminCall('GET', '/admin/v2/logs/authentication', { ...window(f), limit: '5000' });
    expect(res.body.response.authlogs).toHaveLength(1000);
    f.emu.configure({ overMaxLimit: 'error' });
    const strict = await f.adminCall('GET', '/admin/v2/logs/authentication', { ...window(f), limit: '5000' });
    expect(strict.body).toMatchObject({ code: 40002, message_detail: 'limit' });
  });

  it('needs the read_log grant', async () => {
    const f = demoFixture();
    f.account.integrations[f.admin.integration_key]!.grants!.read_log = false;
    const res = await f.adminCall('GET', '/admin/v2/logs/authentication', window(f));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(40301);
  });
});
