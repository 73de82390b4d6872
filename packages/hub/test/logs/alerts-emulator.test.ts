import { DuoAdminClient } from '@duohub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLogSyncJobs, type LogSyncJobs } from '../../src/jobs/log-sync/log-sync-jobs.js';
import { forwardingDb } from '../../src/logs/forwarding/forwarding-tables.js';
import { useForwardingSettings } from '../../src/logs/forwarding/forwarding-settings.js';
import { startLogForwarding, type LogForwarder } from '../../src/logs/forwarding/log-forwarder.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';
import { FAST } from './support/fast-forwarding.js';
import { waitUntil, WebhookReceiver } from './support/webhook-receiver.js';

/**
 * End to end with the emulator's administrator log (its action table is written after Duo's): Admin
 * API changes made in the emulator are synced by the log sync, the alert rules fire on them, and
 * the alerts reach a webhook. This is where the rules meet Duo's action names as the emulator logs them.
 */
describe('alerts from the emulator through the log sync', () => {
  let emu: TestEmulator;
  let hub: TestHub;
  let sync: LogSyncJobs;
  let forwarder: LogForwarder;
  let integrationId: string;
  let orgId: string;
  let clockOffsetMs = 0;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    // Duo and the hub share one clock, which the test moves past the sync's lag.
    emu = await startTestEmulator({ now: () => Date.now() + clockOffsetMs });
    hub = await startTestHub({ now: () => new Date(Date.now() + clockOffsetMs) });
    useForwardingSettings(hub.hub, { allowPrivate: true });
    const created = await hub.api('POST', '/api/integrations', { body: { name: 'E2E', base_url: emu.url, admin: emu.sets.admin } });
    expect(created.status, created.text).toBe(201);
    integrationId = created.body.id;
    const org = await hub.api('POST', '/api/organizations', { body: { name: 'Parent Org', integration_id: integrationId, duo_account_id: 'parent' } });
    expect(org.status, org.text).toBe(201);
    orgId = org.body.id;
    await receiver.up();
    const dest = await hub.api('POST', '/api/log-destinations', { body: { name: 'pager', kind: 'webhook', url: receiver.url, include_events: false, include_alerts: true } });
    receiver.secret = dest.body.secret;
    forwarder = await startLogForwarding(hub.hub, FAST);
    await waitUntil('alerting to start', () => forwarder.evaluatingAlerts);
    sync = await startLogSyncJobs(hub.hub, { pollMs: 50, lagMs: 1000, backfillMs: 3_600_000, prune: false, retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, jitterMs: 0, maxTotalWaitMs: 500 } });
  }, 60_000);

  afterAll(async () => {
    await sync?.stop();
    await forwarder?.stop();
    await receiver.down();
    await hub?.close();
    await emu?.close();
  });

  it('bypass, admin, policy, settings and secret-key changes made in Duo fire their alerts once each', async () => {
    const duo = new DuoAdminClient({ host: emu.sets.admin.api_host, ikey: emu.sets.admin.integration_key, skey: emu.sets.admin.secret_key, baseUrl: emu.url, pacing: false, retry: false });
    const user = await duo.users.create({ username: 'e2e-bob' });
    await duo.users.update(user.user_id, { status: 'bypass' });
    await duo.bypassCodes.createForUser(user.user_id, { count: 1 });
    await duo.admins.create({ email: 'eve@example.com', name: 'Eve Admin', role: 'Owner' } as never);
    await duo.settings.update({ lockout_threshold: 20 } as never);
    await duo.integrations.getSecretKey(emu.sets.admin.integration_key);
    const policy = await duo.policies.create({ policy_name: 'E2E policy' } as never);
    await duo.policies.update(policy.policy_key, { policy_name: 'E2E policy, renamed' } as never);

    clockOffsetMs += 5000;
    const started = await hub.api('POST', '/api/logs/sync', { body: { integration_id: integrationId } });
    expect(started.status, started.text).toBe(202);
    const expected = ['user_status_bypass', 'bypass_code_created', 'admin_privilege_granted', 'policy_or_settings_changed', 'integration_created_or_secret_viewed'];
    const rules = async () => (await forwardingDb(hub.store.db).selectFrom('alerts').select('rule_id').execute()).map((a) => a.rule_id);
    await waitUntil('the alerts from the synced administrator log', async () => (await rules()).length >= expected.length + 2, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    expect((await rules()).sort()).toEqual([...expected, 'policy_or_settings_changed', 'policy_or_settings_changed'].sort());
    const listed = await hub.api('GET', `/api/alerts?organization_id=${orgId}&limit=50`);
    expect(listed.body.items.map((a: any) => a.title).sort()).toEqual(
      [
        'Administrator Eve Admin created as Owner by API',
        'Application Admin API secret key viewed by API',
        'Bypass code created for e2e-bob by API',
        'customer update by API',
        'policy create (E2E policy) by API',
        'policy update (E2E policy, renamed) by API',
        'e2e-bob was set to bypass by API',
      ].sort(),
    );
    await waitUntil('the alerts delivered', () => receiver.received.size === expected.length + 2);
  }, 60_000);
});
