import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { forwardingDb } from '../../src/logs/forwarding/forwarding-tables.js';
import { useForwardingSettings } from '../../src/logs/forwarding/forwarding-settings.js';
import { startLogForwarding } from '../../src/logs/forwarding/log-forwarder.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { FAST } from './support/fast-forwarding.js';
import { authEvent, storeEvents, storeIntegration, storeOrganization } from './support/scripted-events.js';
import { waitUntil, WebhookReceiver } from './support/webhook-receiver.js';

let hub: TestHub;
let orgId: string;
let integrationId: string;
const receiver = new WebhookReceiver();

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args, '--url', hub.url, '--token', hub.adminToken], {
    io: { out: (t) => void (out += t), err: (t) => void (err += t) },
    env: { PATH: process.env.PATH },
  });
  return { code, out, err };
}

const issues = (res: { body: any }) => (res.body.error?.details ?? []).map((d: any) => `${d.field}: ${d.message}`);

beforeAll(async () => {
  hub = await startTestHub();
  integrationId = await storeIntegration(hub.store.db);
  orgId = await storeOrganization(hub.store.db, integrationId, 'DA1');
  await receiver.up();
});

afterAll(async () => {
  await receiver.down();
  await hub?.close();
});

describe('log destinations over REST', () => {
  it('creates a webhook: the signing secret is shown once, sealed at rest, and never logged or audited', async () => {
    useForwardingSettings(hub.hub, { allowPrivate: true });
    const created = await hub.api('POST', '/api/log-destinations', { body: { name: 'hooks', kind: 'webhook', url: `${receiver.url}?token=url-path-secret-123`, organization_ids: [orgId] } });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^dhsig_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ kind: 'webhook', enabled: true, include_events: true, include_alerts: false, organization_ids: [orgId], log_types: null, secret_hint: `…${secret.slice(-4)}` });
    expect(created.body.status).toMatchObject({ pending: 0, delivered_count: 0, failed_count: 0, lag_seconds: 0, last_error: null });
    const got = await hub.api('GET', `/api/log-destinations/${created.body.id}`);
    expect(got.body.secret).toBeUndefined();
    expect(got.text).not.toContain(secret);
    const list = await hub.api('GET', '/api/log-destinations');
    expect(list.text).not.toContain(secret);
    const row = await forwardingDb(hub.store.db).selectFrom('log_destinations').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(row.secret).toMatch(/^v2\./);
    expect(JSON.stringify(row)).not.toContain(secret);
    const audit = await hub.api('GET', `/api/audit?action=log_destinations.create&limit=5`);
    expect(audit.body.items[0].inputs).toMatchObject({ name: 'hooks', kind: 'webhook', url: `${new URL(receiver.url).origin}/…` });
    expect(audit.text).not.toContain(secret);
    expect(audit.text).not.toContain('url-path-secret-123');
    expect(hub.logs.join('\n')).not.toContain(secret);
  });

  it('test-sends a signed message the receiver can verify; a closed port is an answer, not an error', async () => {
    const created = await hub.api('POST', '/api/log-destinations', { body: { name: 'test me', kind: 'webhook', url: receiver.url } });
    receiver.secret = created.body.secret;
    let raw = '';
    receiver.answer = (body) => {
      raw = JSON.stringify(body);
      return { status: 200 };
    };
    const ok = await hub.api('POST', `/api/log-destinations/${created.body.id}/test`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, status: 200, error: null });
    expect(receiver.badSignatures).toBe(0);
    expect(JSON.parse(raw)).toMatchObject({ type: 'duohub.test' });
    const closed = await hub.api('POST', '/api/log-destinations', { body: { name: 'closed', kind: 'webhook', url: 'http://127.0.0.1:9/hook' } });
    const failed = await hub.api('POST', `/api/log-destinations/${closed.body.id}/test`);
    expect(failed.status).toBe(200);
    expect(failed.body.ok).toBe(false);
    expect(failed.body.error).toMatch(/could not reach the receiver \(connect ECONNREFUSED 127\.0\.0\.1:9\)/);
    const audit = await hub.api('GET', `/api/audit?action=log_destinations.test&limit=5`);
    expect(audit.body.items.map((e: any) => e.outcome)).toEqual(['failure', 'success']);
    receiver.answer = () => ({ status: 204 });
  });

  it.each([
    ['a webhook without a URL', { name: 'x', kind: 'webhook' }, ['url: is required for a webhook destination']],
    ['syslog settings on a webhook', { name: 'x', kind: 'webhook', url: 'https://hooks.example.net/', syslog: { host: 'siem.example.net', port: 6514 } }, ['syslog: is only for syslog destinations']],
    ['a syslog destination without syslog', { name: 'x', kind: 'syslog' }, ['syslog: is required for a syslog destination (host and port)']],
    ['a URL on a syslog destination', { name: 'x', kind: 'syslog', url: 'https://x.example.net/', syslog: { host: 'siem.example.net', port: 6514 } }, ['url: is only for webhook destinations']],
    ['TLS settings on plain TCP', { name: 'x', kind: 'syslog', syslog: { host: 'siem.example.net', port: 514, transport: 'tcp', tls: { server_name: 'siem' } } }, ['syslog.tls: is only for transport tls']],
    ['a CA that is not a certificate', { name: 'x', kind: 'syslog', syslog: { host: 'siem.example.net', port: 6514, tls: { ca: 'not a pem' } } }, ['syslog.tls.ca: must be a PEM certificate']],
    ['a client key without its certificate', { name: 'x', kind: 'syslog', syslog: { host: 'siem.example.net', port: 6514, tls: { client_key: 'k' } } }, ['syslog.tls.client_cert: client_cert and client_key go together', 'syslog.tls.client_key: must be a PEM private key (unencrypted)']],
    ['neither events nor alerts', { name: 'x', kind: 'webhook', url: 'https://hooks.example.net/', include_events: false }, ['include_events: a destination must take events, alerts or both']],
    ['an unknown organization', { name: 'x', kind: 'webhook', url: 'https://hooks.example.net/', organization_ids: ['org_nope'] }, ['organization_ids.0: is not an organization of this hub']],
  ])('refuses %s, naming the field', async (_name, body, expected) => {
    const res = await hub.api('POST', '/api/log-destinations', { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(issues(res)).toEqual(expected);
  });

  it('schema errors name the field too (unknown keys, bad log types, ports)', async () => {
    const res = await hub.api('POST', '/api/log-destinations', { body: { name: 'x', kind: 'syslog', syslog: { host: 'h', port: 70000 }, log_types: ['nope'], extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.field).sort()).toEqual(['extra', 'log_types.0', 'syslog.port']);
  });

  it('refuses private and loopback targets unless the hub allows them (SSRF), at write time and at connect time', async () => {
    useForwardingSettings(hub.hub, { allowPrivate: false });
    for (const [url, field] of [
      ['http://127.0.0.1:8080/', 'url'],
      ['http://169.254.169.254/latest/meta-data/', 'url'],
      ['http://[::1]/', 'url'],
      ['https://localhost/', 'url'],
    ] as const) {
      const res = await hub.api('POST', '/api/log-destinations', { body: { name: 'ssrf', kind: 'webhook', url } });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ in: 'body', field });
      expect(res.body.error.details[0].message).toMatch(/DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE/);
    }
    const syslog = await hub.api('POST', '/api/log-destinations', { body: { name: 'ssrf', kind: 'syslog', syslog: { host: '10.0.0.5', port: 514, transport: 'tcp' } } });
    expect(issues(syslog)).toEqual(['syslog.host: is a loopback, private, link-local or reserved address; the server does not allow private destinations (DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE)']);

    // A name that resolves to loopback passes the write-time check; the connection is refused when it is made.
    useForwardingSettings(hub.hub, { allowPrivate: true });
    const sneaky = await hub.api('POST', '/api/log-destinations', { body: { name: 'sneaky', kind: 'webhook', url: `http://localhost:${receiver.port}/hook` } });
    expect(sneaky.status).toBe(201);
    receiver.secret = sneaky.body.secret;
    const before = receiver.requests;
    useForwardingSettings(hub.hub, { allowPrivate: false });
    const test = await hub.api('POST', `/api/log-destinations/${sneaky.body.id}/test`);
    expect(test.body.ok).toBe(false);
    expect(test.body.error).toMatch(/resolves to (127\.0\.0\.1|::1), which is a loopback/);
    const forwarder = await startLogForwarding(hub.hub, { ...FAST, allowPrivate: false });
    try {
      await storeEvents(hub.store.db, [{ ...authEvent({ integrationId, accountId: 'DA1', organizationId: orgId }, Date.now(), 'u', 'success'), ingested_at: new Date().toISOString() }]);
      await waitUntil('the refusal to show', async () => /resolves to (127\.0\.0\.1|::1)/.test((await hub.api('GET', `/api/log-destinations/${sneaky.body.id}`)).body.status.last_error ?? ''));
    } finally {
      await forwarder.stop();
    }
    expect(receiver.requests).toBe(before);
    useForwardingSettings(hub.hub, { allowPrivate: true });
    expect((await hub.api('DELETE', `/api/log-destinations/${sneaky.body.id}`)).status).toBe(204);
  });

  it('updates: a clear error for fields of the other kind, a conflict for a taken name, a new secret once on rotation', async () => {
    const hook = await hub.api('POST', '/api/log-destinations', { body: { name: 'rotating', kind: 'webhook', url: 'https://hooks.example.net/a' } });
    const syslog = await hub.api('POST', '/api/log-destinations', { body: { name: 'siem', kind: 'syslog', syslog: { host: 'siem.example.net', port: 6514 } } });
    expect(syslog.body.syslog).toEqual({ host: 'siem.example.net', port: 6514, transport: 'tls', facility: 13, hostname: null, tls: { ca: null, server_name: null, client_cert: null, client_key_set: false } });
    expect(issues(await hub.api('PATCH', `/api/log-destinations/${syslog.body.id}`, { body: { url: 'https://x.example.net/' } }))).toEqual(['url: is only for webhook destinations']);
    expect(issues(await hub.api('PATCH', `/api/log-destinations/${syslog.body.id}`, { body: { rotate_secret: true } }))).toEqual(['rotate_secret: is only for webhook destinations']);
    const taken = await hub.api('PATCH', `/api/log-destinations/${hook.body.id}`, { body: { name: 'siem' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('conflict');
    const rotated = await hub.api('PATCH', `/api/log-destinations/${hook.body.id}`, { body: { rotate_secret: true, log_types: ['administrator'], include_alerts: true } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^dhsig_/);
    expect(rotated.body.secret).not.toBe(hook.body.secret);
    expect(rotated.body).toMatchObject({ log_types: ['administrator'], include_alerts: true });
    const row = await forwardingDb(hub.store.db).selectFrom('log_destinations').select('secret').where('id', '=', hook.body.id).executeTakeFirstOrThrow();
    expect(hub.store.secrets.open(row.secret!, { table: 'log_destinations', column: 'secret', rowKey: [hook.body.id] })).toBe(rotated.body.secret);
    const plain = await hub.api('PATCH', `/api/log-destinations/${hook.body.id}`, { body: { name: 'rotated' } });
    expect(plain.body.secret).toBeUndefined();
    expect((await hub.api('DELETE', `/api/log-destinations/${hook.body.id}`)).status).toBe(204);
    expect((await hub.api('GET', `/api/log-destinations/${hook.body.id}`)).status).toBe(404);
    expect((await hub.api('POST', `/api/log-destinations/${hook.body.id}/test`)).status).toBe(404);
  });

  it('is for unlimited admin tokens only', async () => {
    const read = await hub.api('POST', '/api/tokens', { body: { name: 'reader', scopes: ['operate'] } });
    expect((await hub.api('GET', '/api/log-destinations', { token: read.body.token })).status).toBe(403);
    const limited = await hub.api('POST', '/api/tokens', { body: { name: 'limited admin', scopes: ['admin'], organization_ids: [orgId] } });
    expect((await hub.api('GET', '/api/log-destinations', { token: limited.body.token })).status).toBe(403);
  });
});

describe('duohub logs destinations / alerts (CLI)', () => {
  it('adds, lists, shows, tests, updates and removes a destination', async () => {
    useForwardingSettings(hub.hub, { allowPrivate: true });
    const added = await cli(['logs', 'destinations', 'add', '--name', 'from cli', '--webhook', receiver.url, '--org', orgId, '--log-type', 'authentication', 'administrator', '--alerts']);
    expect(added.code, added.err).toBe(0);
    const id = /created (ldst_\w+)/.exec(added.out)![1]!;
    const secret = /\n {2}(dhsig_\S+)\n/.exec(added.out)![1]!;
    receiver.secret = secret;
    expect(added.out).toContain('shown once');
    const listed = await cli(['logs', 'destinations', 'list']);
    expect(listed.out).toMatch(new RegExp(`${id}\\s+from cli\\s+webhook\\s+http://127\\.0\\.0\\.1:${receiver.port}/…\\s+yes`));
    expect(listed.out).not.toContain(secret);
    const shown = await cli(['logs', 'destinations', 'show', id, '--json']);
    expect(JSON.parse(shown.out)).toMatchObject({ id, organization_ids: [orgId], log_types: ['authentication', 'administrator'], include_alerts: true });
    const tested = await cli(['logs', 'destinations', 'test', id]);
    expect(tested.code, tested.out + tested.err).toBe(0);
    expect(tested.out).toMatch(/^ok \(\d+ ms, HTTP 204\)/);
    const rotated = await cli(['logs', 'destinations', 'update', id, '--rotate-secret', '--disable', '--all-orgs']);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/New signing secret \(shown once; store it now\):\n\n {2}dhsig_/);
    expect(JSON.parse((await cli(['logs', 'destinations', 'show', id, '--json'])).out)).toMatchObject({ enabled: false, organization_ids: null });
    const bad = await cli(['logs', 'destinations', 'add', '--name', 'bad', '--webhook', 'ftp://x']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('validation_failed');
    expect(bad.err).toContain('url: must use http or https');
    const removed = await cli(['logs', 'destinations', 'remove', id]);
    expect(removed.out).toBe(`deleted ${id}\n`);
  });

  it('lists rules, changes N and M for one organization, lists and acknowledges alerts', async () => {
    const rules = await cli(['logs', 'alerts', 'rules']);
    expect(rules.code).toBe(0);
    expect(rules.out).toMatch(/repeated_denials\s+yes\s+medium\s+5 in 10m/);
    const set = await cli(['logs', 'alerts', 'rule', 'repeated_denials', '--org', orgId, '--threshold', '3', '--window', '2']);
    expect(set.code, set.err).toBe(0);
    expect(set.out).toBe('repeated_denials: fleet-wide on, 5 in 10m; 1 organization setting(s)\n');
    const rule = (await hub.api('GET', '/api/alert-rules')).body.items.find((r: any) => r.id === 'repeated_denials');
    expect(rule.organizations).toEqual([{ organization_id: orgId, enabled: null, threshold: 3, window_minutes: 2 }]);
    const wrong = await cli(['logs', 'alerts', 'rule', 'bypass_code_created', '--threshold', '3']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('threshold: is only for the repeated_denials rule');
    const none = await cli(['logs', 'alerts', 'list', '--status', 'open']);
    expect(none.out).toBe('(none)\n');
    const missing = await cli(['logs', 'alerts', 'ack', 'alr_nope']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('not_found');
  });
});

describe('signature check written out, as a receiver would', () => {
  it('matches HMAC-SHA256 of "<t>.<body>" with the destination secret', () => {
    const secret = 'dhsig_abc';
    const body = '{"a":1}';
    const t = 1_800_000_000;
    expect(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')).toHaveLength(64);
  });
});
