import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type ListeningServer } from '../src/index.js';
import type { Account, User } from '../src/state/types.js';

// Debian's interpreter: the python3 first on PATH here is a separate build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support-logs/logs_client.py', import.meta.url));
const available = spawnSync(PYTHON, ['-c', 'import duo_client'], { encoding: 'utf8' }).status === 0;

const DAY = 86_400_000;

// python-client.test.ts already fails in CI when the client is missing; here it only skips.
describe.skipIf(!available)("Duo's official python client reads every log from the emulator over a port", () => {
  let emu: Emulator;
  let server: ListeningServer;
  let out: any;
  let parent: Account;
  let user: User;
  let now: number;

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo' });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    now = Date.now();
    // 1,500 administrator rows in the last hour, three to a second: two full v1 pages and a part.
    for (let i = 0; i < 1_500; i++) {
      emu.addLogEntry('administrator', { ts_ms: now - 3_000_000 + Math.floor(i / 3) * 1000 + (i % 3), object: `row-${i}`, description: JSON.stringify({ i }) });
    }
    for (let i = 0; i < 4; i++) emu.addLogEntry('telephony', { ts_ms: now - 600_000 + i, phone: `+1555010000${i}`, type: i % 2 ? 'phone' : 'sms' });
    emu.addLogEntry('offline_enrollment', { ts_ms: now - 500_000, username: 'offline.user' });
    for (let i = 0; i < 7; i++) emu.addLogEntry('activity', { ts_ms: now - 400_000 + i, action: 'group_update' });
    emu.addTrustMonitorEvent({ type: 'auth', surfaced_timestamp: now - 300_000 });
    emu.addTrustMonitorEvent({ type: 'bypass_status', surfaced_timestamp: now - 200_000 });
    const recent = parent.auth_log.filter((e) => e.timestamp_ms > now - 20 * DAY && e.user_id !== null && parent.users[e.user_id]);
    user = parent.users[recent[0]!.user_id!]!;
    server = await emu.listen({ port: 0, host: '127.0.0.1' });
    const admin = Object.values(parent.integrations).find((x) => x.type === 'admin')!;
    const cfg = { port: server.port, ikey: admin.integration_key, skey: admin.secret_key, now_ms: now, user_id: user.user_id };
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    out = JSON.parse(stdout);
  }, 150_000);

  afterAll(async () => {
    await server?.close();
    await emu?.close();
  });

  it('pages the administrator log by mintime: 1,000-row pages (plus the rest of a second), every row once', () => {
    expect(out.admin_sizes).toEqual([1_002, 498]);
    expect(out.admin_rows.map((r: any) => r.object)).toEqual(Array.from({ length: 1_500 }, (_, i) => `row-${i}`));
    expect(out.admin_rows[0]).toMatchObject({ action: 'user_update', description: '{"i":0}', username: 'API', eventtype: 'administrator', host: '127.0.0.1' });
  });

  it('reads the v1 authentication log (warned as deprecated) and walks v2 with its two-part cursor', () => {
    expect(out.auth_v1_warned).toBe(true);
    const since = Math.floor((now - 30 * DAY) / 1000) * 1000;
    const v1Want = parent.auth_log.filter((e) => e.timestamp_ms >= since).sort((a, b) => a.timestamp_ms - b.timestamp_ms || (a.txid < b.txid ? -1 : 1));
    expect(out.auth_v1.map((r: any) => r.txid)).toEqual(v1Want.slice(0, 1000).map((e) => e.txid));

    const v2Want = parent.auth_log.filter((e) => e.timestamp_ms >= now - 30 * DAY && e.timestamp_ms <= now).sort((a, b) => a.timestamp_ms - b.timestamp_ms || (a.txid < b.txid ? -1 : 1));
    expect(out.auth_v2_txids).toEqual(v2Want.map((e) => e.txid));
    expect(out.auth_v2_total).toBe(v2Want.length);
    expect(out.auth_v2_pages).toBe(Math.max(1, Math.ceil(v2Want.length / 25)));
    expect(out.auth_v2_user.length).toBeGreaterThan(0);
    expect(out.auth_v2_user.every((a: any) => a.user.key === user.user_id)).toBe(true);
    expect(out.auth_v2_default_window).toBe(parent.auth_log.filter((e) => e.timestamp_ms >= now - DAY - 60_000).length);
  });

  it('reads the telephony, offline enrollment and activity logs', () => {
    expect(out.telephony_v1.map((r: any) => [r.type, r.phone, r.credits])).toEqual([
      ['sms', '+15550100000', 1],
      ['phone', '+15550100001', 1],
      ['sms', '+15550100002', 1],
      ['phone', '+15550100003', 1],
    ]);
    expect(out.offline).toEqual([expect.objectContaining({ username: 'offline.user', action: 'o2fa_user_provisioned' })]);
    const activity = (parent.logs?.activity ?? []).map((a) => a.activity_id);
    expect(out.activity.map((a: any) => a.activity_id)).toEqual(activity);
    expect(out.activity[0]).toMatchObject({ action: { name: 'group_update' }, eventtype: 'activity', host: '127.0.0.1' });
  });

  it('reads Trust Monitor events by offset and by iterator, with the type filter', () => {
    const all = [...(parent.logs?.trust_monitor ?? [])].sort((a, b) => a.surfaced_timestamp - b.surfaced_timestamp).map((e) => e.sekey);
    expect(out.tm_first_page.events.map((e: any) => e.sekey)).toEqual(all.slice(0, 2));
    expect(out.tm_all.map((e: any) => e.sekey)).toEqual(all);
    expect(out.tm_auth.length).toBeGreaterThanOrEqual(2);
    expect(out.tm_auth.every((e: any) => e.type === 'auth')).toBe(true);
  });

  it("reports a window older than 180 days as Duo's 400", () => {
    expect(out.old_window_error).toBe('Received 400 Invalid request parameters (mintime must be within the past 180 days)');
  });

  it('answered every log request without a failure but the one it provoked', () => {
    const requests = emu.stats().requests;
    const logRoutes = Object.entries(requests).filter(([route]) => route.includes('/logs/') || route.includes('/trust_monitor/'));
    expect(logRoutes.length).toBeGreaterThanOrEqual(6);
    for (const [route, byStatus] of logRoutes) {
      const unexpected = Object.entries(byStatus).filter(([s, n]) => s !== '200' && !(s === '400' && n === 1 && route === 'GET /admin/v2/logs/authentication'));
      expect(unexpected, route).toEqual([]);
    }
  });
});
