import { describe, expect, it } from 'vitest';
import { demoFixture, type DemoFixture } from './support-auth/demo-fixture.js';

const DAY = 86_400_000;

function window(days = 60) {
  const now = Date.now();
  return { mintime: String(now - days * DAY), maxtime: String(now + 60_000) };
}

/** Reads every event the way python's iterator does: `offset` from the top-level metadata until none. */
async function readAll(f: DemoFixture, params: Record<string, string>) {
  const events: any[] = [];
  let offset: string | undefined;
  for (let n = 0; n < 100; n++) {
    const res = await f.adminCall('GET', '/admin/v1/trust_monitor/events', { ...params, ...(offset ? { offset } : {}) });
    expect(res.status).toBe(200);
    events.push(...res.body.response.events);
    offset = res.body.metadata?.next_offset;
    if (!offset) break;
  }
  return events;
}

describe('Trust Monitor', () => {
  it('the demo seed surfaces an event of each type in each customer account', async () => {
    const f = demoFixture();
    const events = await readAll(f, window());
    expect(events.map((e) => e.type).sort()).toEqual(['auth', 'bypass_status', 'device_registration']);
    for (const e of events) {
      expect(e.sekey).toMatch(/^SE[A-Z0-9]{18}$/);
      expect(e.surfaced_timestamp).toBeGreaterThan(Date.now() - 31 * DAY);
      expect(e).toMatchObject({ state: 'new', triaged_as_interesting: false, explanations: expect.any(Array) });
    }
    const auth = events.find((e) => e.type === 'auth');
    expect(auth.surfaced_auth).toMatchObject({ txid: expect.any(String), user: { key: expect.stringMatching(/^DU/) }, access_device: { ip: expect.any(String) } });
    expect(auth.triage_event_uri).toContain(`sekey=${auth.sekey}`);
    const bypass = events.find((e) => e.type === 'bypass_status');
    expect(bypass).toMatchObject({ enabled_for: { key: expect.stringMatching(/^DU/) }, bypass_status_enabled: expect.any(Number) });
  });

  it('events added by script (JS method and inspection API) page by offset, oldest first, and filter by type', async () => {
    const f = demoFixture();
    const now = Date.now();
    const added = [];
    for (let i = 0; i < 4; i++) added.push(f.emu.addTrustMonitorEvent({ type: 'auth', surfaced_timestamp: now - (10 - i) * 60_000 }, f.account.account_id));
    const res = await f.emu.fetch('http://emulator/__emulator/trust-monitor', {
      method: 'POST',
      body: JSON.stringify({ account_id: f.account.account_id, type: 'device_registration', surfaced_timestamp: now - 60_000 }),
    });
    expect(res.status).toBe(200);
    const scripted = (await res.json()) as { sekey: string };
    expect(scripted.sekey).toMatch(/^SE/);

    const all = await readAll(f, { ...window(), limit: '2' });
    expect(all).toHaveLength(8);
    const times = all.map((e) => e.surfaced_timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(all.slice(-5).map((e) => e.sekey)).toEqual([...added.map((e) => e.sekey), scripted.sekey]);

    const auth = await readAll(f, { ...window(), type: 'auth' });
    expect(auth.every((e) => e.type === 'auth')).toBe(true);
    expect(auth).toHaveLength(5);
    const recent = await readAll(f, { mintime: String(now - 5 * 60_000), maxtime: String(now) });
    expect(recent.map((e) => e.sekey)).toEqual([scripted.sekey]);
  });

  it('surfaces a given authentication, and 50 events a page unless asked (at most 200)', async () => {
    const f = demoFixture();
    const row = f.account.auth_log.at(-1)!;
    const event = f.emu.addTrustMonitorEvent({ txid: row.txid }, f.account.account_id);
    expect(event.surfaced_auth).toMatchObject({ txid: row.txid, factor: row.factor, result: row.result });
    for (let i = 0; i < 60; i++) f.emu.addTrustMonitorEvent({ type: 'bypass_status' }, f.account.account_id);
    const page = await f.adminCall('GET', '/admin/v1/trust_monitor/events', window());
    expect(page.body.response.events).toHaveLength(50);
    const big = await f.adminCall('GET', '/admin/v1/trust_monitor/events', { ...window(), limit: '500' });
    expect(big.body.response.events).toHaveLength(64);
    expect(big.body.metadata.next_offset).toBeUndefined();
  });

  it('the inspection API adds rows to any log and says what is wrong', async () => {
    const f = demoFixture();
    const post = (path: string, body: unknown) => f.emu.fetch(`http://emulator/__emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
    const ok = await post('logs/offline_enrollment', { account_id: f.account.account_id, username: 'jdoe' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ username: 'jdoe', action: 'o2fa_user_provisioned', ts_ms: expect.any(Number) });
    expect((await post('logs/nonsense', {})).status).toBe(404);
    expect((await post('logs/telephony', { account_id: 'DANOSUCHACCOUNT00000' })).status).toBe(400);
    expect((await post('logs/telephony', [])).status).toBe(400);
  });
});
