import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardingDb } from '../../src/logs/forwarding/forwarding-tables.js';
import { useForwardingSettings } from '../../src/logs/forwarding/forwarding-settings.js';
import { startLogForwarding, type LogForwarder } from '../../src/logs/forwarding/log-forwarder.js';
import type { LogEventsTable } from '../../src/logs/log-tables.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { FAST } from './support/fast-forwarding.js';
import { adminEvent, authEvent, storeEvents, storeIntegration, storeOrganization, telephonyEvent, trustMonitorEvent, type EventOwner } from './support/scripted-events.js';
import { waitUntil, WebhookReceiver } from './support/webhook-receiver.js';

/** One account's scripted burst: every event rule's trigger once, among look-alikes. Returns the rows. */
function script(o: EventOwner, start: number): LogEventsTable[] {
  let t = start;
  const at = () => (t += 1000);
  return [
    authEvent(o, at(), 'alice', 'success'),
    telephonyEvent(o, at()),
    adminEvent(o, at(), 'user_update', 'bob', { status: 'Active' }),
    adminEvent(o, at(), 'bypass_view', 'bob', { user_id: 'DU1' }),
    adminEvent(o, at(), 'admin_update', 'Rae', { phone: '+15555550100' }),
    adminEvent(o, at(), 'integration_update', 'VPN', { name: 'VPN 2' }),
    adminEvent(o, at(), 'bypass_create', 'bob', { count: 1, valid_secs: 3600, user_id: 'DU1' }),
    adminEvent(o, at(), 'user_update', 'bob', { status: 'Bypass' }),
    authEvent(o, at(), 'dave', 'fraud', 'user_marked_fraud'),
    adminEvent(o, at(), 'admin_create', 'Eve', { name: 'Eve', email: 'eve@example.com', role: 'Owner' }),
    adminEvent(o, at(), 'admin_update', 'Rae', { role: 'Administrator' }),
    adminEvent(o, at(), 'policy_update', 'Global Policy', { allow_factor_sms: false }),
    adminEvent(o, at(), 'customer_update', null, { lockout_threshold: 20 }),
    adminEvent(o, at(), 'integration_create', 'Admin API 2', { type: 'Admin API' }),
    adminEvent(o, at(), 'integration_skey_view', 'VPN', null),
    trustMonitorEvent(o, at()),
  ];
}
const EVENT_RULE_ALERTS = 10;

function alertsSuite(backend: 'sqlite' | 'postgres') {
  let hub: TestHub;
  let pg: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let forwarder: LogForwarder;
  const all = new WebhookReceiver();
  const onlyA = new WebhookReceiver();
  let a: EventOwner;
  let b: EventOwner;
  let unmapped: EventOwner;
  let historic: LogEventsTable;
  let clock = Date.UTC(2026, 10, 5, 10, 0, 0);

  const store = async (rows: LogEventsTable[]) => {
    const ingested = new Date().toISOString();
    await storeEvents(hub.store.db, rows.map((r) => ({ ...r, ingested_at: ingested })));
  };
  const alerts = () => forwardingDb(hub.store.db).selectFrom('alerts').selectAll().execute();

  beforeAll(async () => {
    if (backend === 'postgres') pg = await createTempDatabase(process.env.DATABASE_URL!);
    hub = await startTestHub(pg ? { databaseUrl: pg.url } : {});
    useForwardingSettings(hub.hub, { allowPrivate: true });
    const integrationId = await storeIntegration(hub.store.db);
    a = { integrationId, accountId: 'DA1', organizationId: await storeOrganization(hub.store.db, integrationId, 'DA1', 'Alpha Org') };
    b = { integrationId, accountId: 'DA2', organizationId: await storeOrganization(hub.store.db, integrationId, 'DA2', 'Bravo Org') };
    unmapped = { integrationId, accountId: 'DA3', organizationId: null };
    // Stored before alerting ever ran: history is for searching; it raises nothing.
    historic = { ...adminEvent(a, clock - 3600_000, 'bypass_create', 'old', { count: 1 }), ingested_at: new Date(Date.now() - 10_000).toISOString() };
    await storeEvents(hub.store.db, [historic]);
    for (const [receiver, body] of [
      [all, { name: 'alerts', kind: 'webhook', include_events: false, include_alerts: true }],
      [onlyA, { name: 'alerts of A', kind: 'webhook', include_events: false, include_alerts: true, organization_ids: [a.organizationId] }],
    ] as const) {
      await receiver.up();
      const res = await hub.api('POST', '/api/log-destinations', { body: { ...body, url: receiver.url } });
      expect(res.status).toBe(201);
      receiver.secret = res.body.secret;
    }
    forwarder = await startLogForwarding(hub.hub, FAST);
  }, 60_000);

  afterAll(async () => {
    await forwarder?.stop();
    await all.down();
    await onlyA.down();
    await hub?.close();
    await pg?.drop();
  });

  it('each default rule fires once per triggering event, and for N denials in M minutes once per user', async () => {
    await waitUntil('alerting to start', () => forwarder.evaluatingAlerts);
    const rows = [...script(a, clock), ...script(b, clock + 100_000), ...script(unmapped, clock + 200_000)];
    // Five denials of one user of A within 10 minutes (and a sixth): one alert. Four of a user of B: none.
    for (let i = 0; i < 6; i++) rows.push(authEvent(a, clock + 300_000 + i * 60_000, 'mallory', 'denied'));
    for (let i = 0; i < 4; i++) rows.push(authEvent(b, clock + 300_000 + i * 60_000, 'trent', 'denied'));
    await store(rows);
    const expected = 3 * EVENT_RULE_ALERTS + 1;
    await waitUntil('the alerts', async () => (await alerts()).length >= expected);
    await new Promise((r) => setTimeout(r, 300));
    const stored = await alerts();
    expect(stored).toHaveLength(expected);
    const perRule = (org: string | null) => stored.filter((x) => x.organization_id === org).map((x) => x.rule_id).sort();
    expect(perRule(a.organizationId)).toEqual(
      ['bypass_code_created', 'user_status_bypass', 'push_marked_fraud', 'admin_privilege_granted', 'admin_privilege_granted', 'policy_or_settings_changed', 'policy_or_settings_changed', 'integration_created_or_secret_viewed', 'integration_created_or_secret_viewed', 'trust_monitor_event', 'repeated_denials'].sort(),
    );
    expect(perRule(b.organizationId)).toEqual(perRule(a.organizationId).filter((r) => r !== 'repeated_denials'));
    expect(perRule(null)).toEqual(perRule(b.organizationId));
    const burst = stored.find((x) => x.rule_id === 'repeated_denials')!;
    expect(burst).toMatchObject({ username: 'mallory', severity: 'medium', title: '5 or more denials for mallory within 10 minutes' });
    // The fifth denial fired it.
    const fifth = rows.filter((r) => r.username === 'mallory')[4]!;
    expect(burst.event_id).toBe(fifth.id);
    expect(stored.some((x) => x.event_id === historic.id)).toBe(false);
  });

  it('never fires twice for one event, even when a new holder rescans the window', async () => {
    const before = (await alerts()).length;
    await forwarder.stop();
    forwarder = await startLogForwarding(hub.hub, FAST);
    await waitUntil('alerting to resume', () => forwarder.evaluatingAlerts);
    await new Promise((r) => setTimeout(r, 500));
    expect((await alerts()).length).toBe(before);
    // Even with its record of evaluated events lost, evaluating everything again stores no second alert.
    await forwarder.stop();
    const marks = await forwardingDb(hub.store.db).deleteFrom('alert_evaluated_events').executeTakeFirst();
    expect(Number(marks.numDeletedRows)).toBeGreaterThan(40);
    forwarder = await startLogForwarding(hub.hub, FAST);
    await waitUntil('everything evaluated again', async () => Number((await forwardingDb(hub.store.db).selectFrom('alert_evaluated_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n) >= Number(marks.numDeletedRows));
    expect((await alerts()).length).toBe(before);
  });

  it('delivers each alert to the webhooks that take alerts of its organization, once', async () => {
    const stored = await alerts();
    await waitUntil('alert deliveries', () => all.received.size === stored.length && onlyA.received.size === stored.filter((x) => x.organization_id === a.organizationId).length);
    expect(all.duplicates + onlyA.duplicates + all.badSignatures).toBe(0);
    const one = all.inOrder()[0]!.body;
    expect(one).toMatchObject({ type: 'duohub.alert', severity: expect.any(String), rule: expect.any(String), title: expect.any(String) });
    expect(onlyA.inOrder().every((r) => r.body.organization_id === a.organizationId)).toBe(true);
  });

  it('lists alerts over REST; a limited token sees its organization only and acknowledges only its own', async () => {
    const listed = await hub.api('GET', '/api/alerts?limit=500');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength((await alerts()).length);
    expect(listed.body.items[0]).toMatchObject({ rule_title: expect.any(String), acknowledged_at: null, details: expect.any(Object) });
    const page1 = await hub.api('GET', '/api/alerts?limit=5');
    const page2 = await hub.api('GET', `/api/alerts?limit=5&cursor=${page1.body.next_cursor}`);
    expect(page2.body.items[0].id < page1.body.items[4].id).toBe(true);
    const fraud = await hub.api('GET', '/api/alerts?rule=push_marked_fraud');
    expect(fraud.body.items).toHaveLength(3);
    const token = (await hub.api('POST', '/api/tokens', { body: { name: 'alpha ops', scopes: ['operate'], organization_ids: [a.organizationId] } })).body.token;
    const mine = await hub.api('GET', '/api/alerts?limit=500', { token });
    expect(mine.body.items.length).toBe(EVENT_RULE_ALERTS + 1);
    expect(mine.body.items.every((x: any) => x.organization_id === a.organizationId)).toBe(true);
    expect(mine.text).not.toContain('Bravo');
    expect((await hub.api('GET', `/api/alerts?organization_id=${b.organizationId}`, { token })).body.items).toEqual([]);
    const own = mine.body.items[0];
    const acked = await hub.api('POST', `/api/alerts/${own.id}/acknowledge`, { token });
    expect(acked.status).toBe(200);
    expect(acked.body.acknowledged_at).not.toBeNull();
    expect((await hub.api('POST', `/api/alerts/${own.id}/acknowledge`, { token })).body.acknowledged_at).toBe(acked.body.acknowledged_at);
    const other = (await alerts()).find((x) => x.organization_id === b.organizationId)!;
    const refused = await hub.api('POST', `/api/alerts/${other.id}/acknowledge`, { token });
    expect(refused.status).toBe(403);
    const fleet = (await alerts()).find((x) => x.organization_id === null)!;
    expect((await hub.api('POST', `/api/alerts/${fleet.id}/acknowledge`, { token })).status).toBe(403);
    const reader = (await hub.api('POST', '/api/tokens', { body: { name: 'reader', scopes: ['read'] } })).body.token;
    expect((await hub.api('POST', `/api/alerts/${other.id}/acknowledge`, { token: reader })).status).toBe(403);
    expect((await hub.api('GET', '/api/alerts?status=acknowledged')).body.items.map((x: any) => x.id)).toEqual([own.id]);
    expect((await hub.api('GET', '/api/alerts?status=open&limit=500')).body.items).toHaveLength((await alerts()).length - 1);
    const audit = await hub.api('GET', '/api/audit?action=alerts.acknowledge&limit=10');
    expect(audit.body.items.map((e: any) => e.outcome).sort()).toEqual(['denied', 'denied', 'denied', 'success']);
  });

  it('rule settings apply per organization: a rule off for B, tighter N and M for B', async () => {
    expect((await hub.api('PATCH', '/api/alert-rules/policy_or_settings_changed', { body: { organization_id: b.organizationId, enabled: false } })).status).toBe(200);
    const tight = await hub.api('PATCH', '/api/alert-rules/repeated_denials', { body: { organization_id: b.organizationId, threshold: 3, window_minutes: 2 } });
    expect(tight.body.organizations).toEqual([{ organization_id: b.organizationId, enabled: null, threshold: 3, window_minutes: 2 }]);
    expect(tight.body.fleet).toEqual({ enabled: true, params: { threshold: 5, window_minutes: 10 } });
    const t = clock + 3_600_000;
    const policyA = adminEvent(a, t, 'policy_update', 'Policy A', { x: 1 });
    const policyB = adminEvent(b, t, 'policy_update', 'Policy B', { x: 1 });
    const denialsB = [0, 30_000, 60_000].map((d) => authEvent(b, t + d, 'oscar', 'denied'));
    const slowA = [0, 70_000, 140_000].map((d) => authEvent(a, t + d, 'oscar', 'denied'));
    await store([policyA, policyB, ...denialsB, ...slowA]);
    await waitUntil('the new alerts', async () => (await alerts()).some((x) => x.event_id === policyA.id) && (await alerts()).some((x) => x.event_id === denialsB[2]!.id));
    await new Promise((r) => setTimeout(r, 300));
    const now = await alerts();
    expect(now.some((x) => x.event_id === policyB.id)).toBe(false);
    expect(now.filter((x) => x.rule_id === 'repeated_denials' && x.username === 'oscar').map((x) => x.organization_id)).toEqual([b.organizationId]);
    // Clearing the settings brings the defaults back.
    const cleared = await hub.api('PATCH', '/api/alert-rules/repeated_denials', { body: { organization_id: b.organizationId, threshold: null, window_minutes: null } });
    expect(cleared.body.organizations).toEqual([]);
    const unknown = await hub.api('PATCH', '/api/alert-rules/no_such_rule', { body: { enabled: false } });
    expect(unknown.status).toBe(404);
    const badOrg = await hub.api('PATCH', '/api/alert-rules/push_marked_fraud', { body: { organization_id: 'org_nope', enabled: false } });
    expect(badOrg.body.error.details).toEqual([{ in: 'body', field: 'organization_id', message: 'is not an organization of this hub' }]);
  });
}

describe('alerts on SQLite', () => alertsSuite('sqlite'));
describe.skipIf(!process.env.DATABASE_URL)(`alerts on Postgres${process.env.DATABASE_URL ? '' : ' (skipped: DATABASE_URL is unset)'}`, () => alertsSuite('postgres'));
