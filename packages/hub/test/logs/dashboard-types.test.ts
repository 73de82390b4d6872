import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEventsTable } from '../../src/logs/log-tables.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { adminEvent, authEvent, storeEvents, storeIntegration, storeOrganization, telephonyEvent, trustMonitorEvent, type EventOwner } from './support/scripted-events.js';

const backends = ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])] as const;
const HOUR = 3600_000;

/** A telephony row with its own credits and kind (Duo v2 `type`, `credits`). */
function phoneEvent(owner: EventOwner, at: number, type: string, credits: unknown): LogEventsTable {
  return { ...telephonyEvent(owner, at), factor: type, reason: 'authentication', event_type: type, raw: JSON.stringify({ context: 'authentication', credits, type, ts: new Date(at).toISOString() }) };
}

/** An offline enrollment row (v1: `action`, `object` = the application, `username`). */
function enrollEvent(owner: EventOwner, at: number, user: string, action: string): LogEventsTable {
  return { ...telephonyEvent(owner, at), log_type: 'offline_enrollment', username: user, application: 'Windows Logon', event_type: action, raw: JSON.stringify({ action, object: 'Windows Logon', username: user }) };
}

/**
 * The dashboard's figures beyond authentication, against stored rows: administrator actions and who
 * did them, telephony events and credits, Trust Monitor events by type and state, offline enrollment;
 * all over the same span and organizations as the authentication figures, and within a token's limit.
 */
describe.each(backends)('log dashboard covers every log type (%s)', (backend) => {
  let t: TestHub;
  let pgDb: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let a: EventOwner;
  let b: EventOwner;
  let limitedA: string;
  const now = Date.now();
  const since = now - 10 * HOUR;

  beforeAll(async () => {
    if (backend === 'postgres') pgDb = await createTempDatabase(process.env.DATABASE_URL!);
    t = await startTestHub(pgDb ? { databaseUrl: pgDb.url } : {});
    const integrationId = await storeIntegration(t.store.db);
    a = { integrationId, accountId: 'DADASHA0000000000001', organizationId: await storeOrganization(t.store.db, integrationId, 'DADASHA0000000000001', 'Dash A') };
    b = { integrationId, accountId: 'DADASHB0000000000002', organizationId: await storeOrganization(t.store.db, integrationId, 'DADASHB0000000000002', 'Dash B') };
    limitedA = (await t.api('POST', '/api/tokens', { body: { name: 'dash A', scopes: ['read'], organization_ids: [a.organizationId] } })).body.token;
    let at = since + 1000;
    const rows: LogEventsTable[] = [
      authEvent(a, (at += 1000), 'alice', 'success'),
      authEvent(a, (at += 1000), 'bob', 'denied'),
      authEvent(a, (at += 1000), 'bob', 'fraud', 'user_marked_fraud'),
      adminEvent(a, (at += 1000), 'user_update', 'alice', { status: 'active' }, 'Ada Admin'),
      adminEvent(a, (at += 1000), 'user_update', 'bob', { status: 'disabled' }, 'Ada Admin'),
      adminEvent(a, (at += 1000), 'bypass_create', 'bob', { count: 1 }, 'Ada Admin'),
      adminEvent(a, (at += 1000), 'admin_login', null, { ip_address: '198.51.100.1' }, 'Ben Admin'),
      phoneEvent(a, (at += 1000), 'sms', 1),
      phoneEvent(a, (at += 1000), 'sms', 1),
      phoneEvent(a, (at += 1000), 'phone', 2.5),
      phoneEvent(a, (at += 1000), 'phone', 'n/a'),
      trustMonitorEvent(a, (at += 1000), 'auth', 'bob'),
      trustMonitorEvent(a, (at += 1000), 'auth', 'carol'),
      { ...trustMonitorEvent(a, (at += 1000), 'bypass_status_enabled', 'bob'), result: 'interesting' },
      enrollEvent(a, (at += 1000), 'alice', 'o2fa_user_provisioned'),
      enrollEvent(a, (at += 1000), 'alice', 'o2fa_user_reenrolled'),
      enrollEvent(a, (at += 1000), 'bob', 'o2fa_user_provisioned'),
      // Before the span: counted nowhere.
      adminEvent(a, since - HOUR, 'user_delete', 'old', null, 'Old Admin'),
      phoneEvent(a, since - HOUR, 'sms', 100),
      // Another organization: never in A's figures.
      adminEvent(b, (at += 1000), 'user_delete', 'bravo-secret', null, 'Bravo Admin'),
      phoneEvent(b, (at += 1000), 'phone', 7),
      trustMonitorEvent(b, (at += 1000), 'device_registration', 'bravo-user'),
      enrollEvent(b, (at += 1000), 'bravo-user', 'o2fa_user_deleted'),
    ];
    await storeEvents(t.store.db, rows);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await pgDb?.drop();
  });

  const expectedA = {
    events_by_type: [
      { log_type: 'authentication', count: 3 },
      { log_type: 'administrator', count: 4 },
      { log_type: 'telephony', count: 4 },
      { log_type: 'activity', count: 0 },
      { log_type: 'offline_enrollment', count: 3 },
      { log_type: 'trust_monitor', count: 3 },
    ],
    administrator: {
      actions: 4,
      top_actions: [
        { name: 'user_update', count: 2 },
        { name: 'admin_login', count: 1 },
        { name: 'bypass_create', count: 1 },
      ],
      top_administrators: [
        { username: 'Ada Admin', actions: 3, last_action_at: new Date(since + 1000 + 6000).toISOString() },
        { username: 'Ben Admin', actions: 1, last_action_at: new Date(since + 1000 + 7000).toISOString() },
      ],
    },
    telephony: {
      events: 4,
      credits_used: 4.5,
      by_type: [
        { type: 'phone', events: 2, credits: 2.5 },
        { type: 'sms', events: 2, credits: 2 },
      ],
    },
    trust_monitor: {
      events: 3,
      by_type: [
        { name: 'auth', count: 2 },
        { name: 'bypass_status_enabled', count: 1 },
      ],
      by_state: [
        { name: 'new', count: 2 },
        { name: 'interesting', count: 1 },
      ],
    },
    offline_enrollment: {
      events: 3,
      by_action: [
        { name: 'o2fa_user_provisioned', count: 2 },
        { name: 'o2fa_user_reenrolled', count: 1 },
      ],
      users: 2,
    },
  };

  it("one organization's figures for every log type match its stored rows in the span", async () => {
    const res = await t.api('GET', `/api/logs/dashboard?since=${since}&organization_id=${a.organizationId}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject(expectedA);
    // The authentication figures are still there, over the same span.
    expect(res.body.totals).toEqual({ authentications: 3, success: 1, denied: 1, fraud: 1 });
    expect(res.body.top_failing_users).toEqual([expect.objectContaining({ username: 'bob', denied: 1, fraud: 1, failures: 2 })]);
    expect(res.text).not.toMatch(/bravo|Old Admin/i);
  });

  it('the fleet adds the other organization; a span before everything is all zeros', async () => {
    const fleet = (await t.api('GET', `/api/logs/dashboard?since=${since}`)).body;
    expect(fleet.administrator.actions).toBe(5);
    expect(fleet.telephony).toMatchObject({ events: 5, credits_used: 11.5 });
    expect(fleet.trust_monitor.by_type).toContainEqual({ name: 'device_registration', count: 1 });
    expect(fleet.offline_enrollment).toMatchObject({ events: 4, users: 3 });
    const wider = (await t.api('GET', `/api/logs/dashboard?since=${since - 2 * HOUR}`)).body;
    expect(wider.telephony.credits_used).toBe(111.5);
    expect(wider.administrator.top_administrators.map((x: { username: string }) => x.username)).toContain('Old Admin');
    const empty = (await t.api('GET', `/api/logs/dashboard?since=${now + HOUR}`)).body;
    expect(empty).toMatchObject({
      administrator: { actions: 0, top_actions: [], top_administrators: [] },
      telephony: { events: 0, credits_used: 0, by_type: [] },
      trust_monitor: { events: 0, by_type: [], by_state: [] },
      offline_enrollment: { events: 0, by_action: [], users: 0 },
    });
  });

  it("a token limited to A gets A's figures whatever it asks for, and nothing of B", async () => {
    const own = await t.api('GET', `/api/logs/dashboard?since=${since}`, { token: limitedA });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject(expectedA);
    const other = await t.api('GET', `/api/logs/dashboard?since=${since}&organization_id=${b.organizationId}`, { token: limitedA });
    expect(other.status).toBe(200);
    expect(other.text).not.toMatch(/bravo/i);
    expect(other.body.administrator.actions).toBe(0);
    expect(other.body.telephony.credits_used).toBe(0);
    expect(other.body.events_by_type.every((e: { count: number }) => e.count === 0)).toBe(true);
  });
});
