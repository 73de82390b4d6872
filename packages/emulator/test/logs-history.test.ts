import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { historyBytes } from '../src/logs/history-columns.js';
import { historyOf } from '../src/logs/history-rows.js';
import type { Account } from '../src/state/types.js';
import { call } from './support-auth/signed-call.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

function fleet(seed = 7, eventsPerDay = 500): { emu: Emulator; child: Account; get(path: string, params: Record<string, string>): Promise<any> } {
  const emu = createEmulator({ seed: { fleet: { accounts: 2, usersPerAccount: 20, seed, historyDays: 3, eventsPerDay } }, now: () => NOW });
  const child = Object.values(emu.state.accounts).find((a) => a.parent_id !== null)!;
  const admin = Object.values(child.integrations).find((i) => i.type === 'admin')!;
  const keys = { integration_key: admin.integration_key, secret_key: admin.secret_key, api_hostname: child.api_hostname };
  const get = async (path: string, params: Record<string, string>) => {
    const res = await call((r) => emu.fetch(r), keys, 'GET', path, params, { date: new Date(NOW) });
    expect(res.status).toBe(200);
    return res.body;
  };
  return { emu, child, get };
}

const window = { mintime: String(NOW - 4 * DAY), maxtime: String(NOW) };

async function walkAuth(get: (p: string, q: Record<string, string>) => Promise<any>, extra: Record<string, string> = {}) {
  const txids: string[] = [];
  const times: number[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  for (let n = 0; n < 100; n++) {
    const body = await get('/admin/v2/logs/authentication', { ...window, limit: '1000', sort: 'ts:asc', ...extra, ...(cursor ? { next_offset: cursor } : {}) });
    const { authlogs, metadata } = body.response;
    totals.add(metadata.total_objects);
    txids.push(...authlogs.map((a: any) => a.txid));
    times.push(...authlogs.map((a: any) => Date.parse(a.isotimestamp)));
    if (!metadata.next_offset) break;
    cursor = metadata.next_offset.join(',');
  }
  return { txids, times, totals };
}

describe('generated log history (fleet seed historyDays / eventsPerDay)', () => {
  it('fills every log for the days before the seed, deterministically from the seed', async () => {
    const a = fleet();
    const b = fleet();
    const c = fleet(8);
    const first = (f: ReturnType<typeof fleet>) => f.get('/admin/v2/logs/authentication', { ...window, limit: '50', sort: 'ts:asc' });
    const pageA = await first(a);
    expect(JSON.stringify(pageA)).toBe(JSON.stringify(await first(b)));
    expect(JSON.stringify(pageA)).not.toBe(JSON.stringify(await first(c)));

    const live = a.child.auth_log.filter((e) => e.timestamp_ms >= NOW - 4 * DAY).length;
    const walked = await walkAuth(a.get);
    expect(walked.txids.length).toBe(1_500 + live);
    expect(new Set(walked.txids).size).toBe(walked.txids.length);
    expect([...walked.totals]).toEqual([1_500 + live]);
    expect(walked.times).toEqual([...walked.times].sort((x, y) => x - y));
    expect(walked.times[0]).toBeGreaterThanOrEqual(NOW - 3 * DAY);

    const item = pageA.response.authlogs[0];
    expect(item).toMatchObject({
      event_type: 'authentication',
      access_device: { browser: expect.any(String), os: expect.any(String), ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), location: { country: expect.any(String) } },
      application: { key: expect.stringMatching(/^DI/), name: expect.any(String) },
      user: { key: expect.stringMatching(/^DU/), name: expect.any(String) },
    });
    expect(a.child.users[item.user.key]!.username).toBe(item.user.name);
  });

  it('filters history like live rows', async () => {
    const f = fleet();
    const h = historyOf(f.child, 'authentication')!;
    let denied = 0;
    for (let i = 0; i < h.length; i++) if (h.row(i).result === 'denied') denied++;
    denied += f.child.auth_log.filter((e) => e.result === 'denied' && e.timestamp_ms >= NOW - 4 * DAY).length;
    const walked = await walkAuth(f.get, { results: 'denied' });
    expect(walked.txids.length).toBe(denied);
    expect(denied).toBeGreaterThan(0);
  });

  it('telephony, administrator and activity rows follow from the rate; live rows come after', async () => {
    const f = fleet();
    const tel = await f.get('/admin/v2/logs/telephony', { ...window, limit: '1' });
    expect(tel.response.metadata.total_objects).toEqual({ value: 75, relation: 'eq' });
    const act = await f.get('/admin/v2/logs/activity', { ...window, limit: '1' });
    expect(act.response.metadata.total_objects).toEqual({ value: 60, relation: 'eq' });
    const admin = await f.get('/admin/v1/logs/administrator', { mintime: '0' });
    expect(admin.response).toHaveLength(15);
    expect(admin.response[0]).toMatchObject({ action: expect.any(String), username: expect.any(String), timestamp: expect.any(Number) });
    expect(() => JSON.parse(admin.response[0].description)).not.toThrow();
    f.emu.addLogEntry('administrator', { object: 'live-row' }, f.child.account_id);
    const after = await f.get('/admin/v1/logs/administrator', { mintime: '0' });
    expect(after.response.at(-1).object).toBe('live-row');
  });

  it('keeps history as a recipe until read, then 8 bytes a row', async () => {
    const f = fleet(7, 1_000);
    const spec = f.child.logs!.history!;
    expect(historyBytes(spec)).toBe(0);
    expect(JSON.stringify(f.emu.exportState()).length).toBeLessThan(2_000_000);
    await f.get('/admin/v2/logs/authentication', { ...window, limit: '1' });
    expect(historyBytes(spec)).toBe(3 * 1_000 * 8);
  });
});
