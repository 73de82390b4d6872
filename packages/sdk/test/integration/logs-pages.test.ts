import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuoConfigError, duoLogEntryId, type DuoAdminClient } from '../../src/index.js';
import { startHarness, TRANSPORTS, type Harness } from '../support/emulator-harness.js';

const DAY = 86_400_000;
// Duo allows a couple of log requests a minute and the default pacer honours that; these tests page fast.
const FAST = { pacing: { rates: { admin_logs: Infinity } } };

describe.each(TRANSPORTS)('log pages with Duo’s cursors (%s)', (mode) => {
  let h: Harness;
  let admin: DuoAdminClient;
  let now: number;
  beforeAll(async () => {
    h = await startHarness(mode, { seed: 'demo' });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.emu.reset();
    admin = h.admin(undefined, FAST);
    now = Date.now();
  });

  const parent = () => h.emu.state.accounts[h.parent().account_id]!;

  it('authenticationPage: a checkpoint cursor in, one page and the next cursor out, until the window ends', async () => {
    const want = parent()
      .auth_log.filter((e) => e.timestamp_ms >= now - 30 * DAY && e.timestamp_ms <= now)
      .sort((a, b) => a.timestamp_ms - b.timestamp_ms || (a.txid < b.txid ? -1 : 1))
      .map((e) => e.txid);
    const seen: string[] = [];
    let cursor: string[] | undefined;
    for (let n = 0; n < 100; n++) {
      const page = await admin.logs.authenticationPage({ mintime: now - 30 * DAY, maxtime: now, limit: 4, ...(cursor ? { next_offset: cursor } : {}) });
      seen.push(...page.items.map((a) => duoLogEntryId('authentication', a)!));
      expect(page.totalObjects).toBe(want.length);
      if (!page.nextOffset) break;
      expect(page.nextOffset).toHaveLength(2);
      cursor = page.nextOffset;
    }
    expect(seen).toEqual(want);
  });

  it('telephonyPage and activityPage: "ts,offset" cursors; rows carry telephony_id and activity_id', async () => {
    for (let i = 0; i < 9; i++) {
      h.emu.addLogEntry('telephony', { ts_ms: now - 5_000 + i, phone: `+1555010000${i}` });
      h.emu.addLogEntry('activity', { ts_ms: now - 5_000 + i });
    }
    const walk = async (read: (c: string | undefined) => Promise<{ items: Array<Record<string, unknown>>; nextOffset?: string }>, kind: 'telephony' | 'activity') => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let n = 0; n < 20; n++) {
        const page = await read(cursor);
        ids.push(...page.items.map((x) => duoLogEntryId(kind, x)!));
        if (!page.nextOffset) break;
        expect(page.nextOffset).toMatch(/^\d+,/);
        cursor = page.nextOffset;
      }
      return ids;
    };
    const window = { mintime: now - DAY, maxtime: now, limit: 4 };
    const tel = await walk((c) => admin.logs.telephonyPage({ ...window, ...(c ? { next_offset: c } : {}) }), 'telephony');
    expect(tel).toEqual(parent().logs!.telephony.map((t) => t.telephony_id));
    const act = await walk((c) => admin.logs.activityPage({ ...window, ...(c ? { next_offset: c } : {}) }), 'activity');
    expect(act).toEqual(parent().logs!.activity.map((t) => t.activity_id));
    expect(await admin.logs.telephony({ mintime: now - DAY, maxtime: now, pageSize: 2 }).toArray()).toHaveLength(9);
  });

  it('administratorPage: Duo’s 1,000 oldest rows from mintime, nextMintime = newest + 1, more while full; the iterator reads them all', async () => {
    for (let i = 0; i < 1_200; i++) h.emu.addLogEntry('administrator', { ts_ms: now - 3_000_000 + i * 1000, object: `row-${i}` });
    const since = Math.floor((now - 3_600_000) / 1000);
    const first = await admin.logs.administratorPage({ mintime: since });
    expect(first.items).toHaveLength(1_000);
    expect(first.more).toBe(true);
    expect(first.nextMintime).toBe(first.items.at(-1)!.timestamp + 1);
    expect(duoLogEntryId('administrator', first.items[0]!)).toBeUndefined();
    const second = await admin.logs.administratorPage({ mintime: first.nextMintime! });
    expect(second.items.map((r) => r.object)).toEqual(Array.from({ length: 200 }, (_, i) => `row-${1_000 + i}`));
    expect(second.more).toBe(false);
    const all = await admin.logs.administrator({ mintime: new Date(since * 1000) }).toArray();
    expect(all).toHaveLength(1_200);
    const empty = await admin.logs.administratorPage({ mintime: Math.floor(now / 1000) + 60 });
    expect(empty).toEqual({ items: [], more: false });
  });

  it('offline enrollment, v1 authentication and v1 telephony pages', async () => {
    h.emu.addLogEntry('offline_enrollment', { username: 'off.line' });
    h.emu.addLogEntry('telephony', { phone: '+15550109999' });
    const since = Math.floor(now / 1000) - 60;
    expect((await admin.logs.offlineEnrollmentPage({ mintime: since })).items.map((r) => r.username)).toEqual(['off.line']);
    expect((await admin.logs.telephonyV1Page({ mintime: since })).items.map((r) => r.phone)).toEqual(['+15550109999']);
    const auth = await admin.logs.authenticationV1Page({ mintime: Math.floor((now - 30 * DAY) / 1000) });
    expect(auth.items.length).toBeGreaterThan(0);
    expect(duoLogEntryId('authentication_v1', auth.items[0]!)).toMatch(/-/);
  });

  it('trustMonitorPage and the Trust Monitor iterator follow the offset; events carry their sekey', async () => {
    for (let i = 0; i < 5; i++) h.emu.addTrustMonitorEvent({ type: i % 2 ? 'bypass_status' : 'auth', surfaced_timestamp: now - 60_000 + i });
    const all = [...parent().logs!.trust_monitor].sort((a, b) => a.surfaced_timestamp - b.surfaced_timestamp).map((e) => e.sekey);
    const first = await admin.logs.trustMonitorPage({ mintime: now - 60 * DAY, maxtime: now, limit: 3 });
    expect(first.items.map((e) => duoLogEntryId('trust_monitor', e))).toEqual(all.slice(0, 3));
    const second = await admin.logs.trustMonitorPage({ mintime: now - 60 * DAY, maxtime: now, limit: 3, offset: first.nextOffset! });
    expect(second.items.map((e) => e.sekey)).toEqual(all.slice(3, 6));
    expect((await admin.logs.trustMonitor({ mintime: now - 60 * DAY, maxtime: now, pageSize: 2 }).toArray()).map((e) => e.sekey)).toEqual(all);
    const auth = await admin.logs.trustMonitor({ mintime: now - 60 * DAY, maxtime: now, type: 'auth' }).toArray();
    expect(auth.every((e) => e.type === 'auth')).toBe(true);
  });

  it('refuses the usual unit slips before anything is sent', async () => {
    await expect(admin.logs.administratorPage({ mintime: now })).rejects.toBeInstanceOf(DuoConfigError);
    expect(() => admin.logs.administrator({ mintime: now })).toThrow(DuoConfigError);
    await expect(admin.logs.telephonyPage({ mintime: Math.floor(now / 1000) - 60 })).rejects.toBeInstanceOf(DuoConfigError);
    await expect(admin.logs.authenticationPage({ mintime: now - 200 * DAY, maxtime: now })).rejects.toBeInstanceOf(DuoConfigError);
    await expect(admin.logs.trustMonitorPage({ mintime: now - DAY, maxtime: now, limit: 500 })).rejects.toBeInstanceOf(DuoConfigError);
  });
});
