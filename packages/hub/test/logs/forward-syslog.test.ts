import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardingDb } from '../../src/logs/forwarding/forwarding-tables.js';
import { useForwardingSettings } from '../../src/logs/forwarding/forwarding-settings.js';
import { startLogForwarding, type LogForwarder } from '../../src/logs/forwarding/log-forwarder.js';
import type { LogEventsTable } from '../../src/logs/log-tables.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { adminEvent, authEvent, storeEvents, storeIntegration, storeOrganization, trustMonitorEvent, type EventOwner } from './support/scripted-events.js';
import { SyslogReceiver } from './support/syslog-receiver.js';
import { waitUntil } from './support/webhook-receiver.js';
import { FAST } from './support/fast-forwarding.js';

const run = promisify(execFile);

/** A self-signed certificate and key made for this test run (openssl), for 127.0.0.1. */
async function selfSigned(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.crt`);
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  return { cert: await readFile(certFile, 'utf8'), key: await readFile(keyFile, 'utf8') };
}

function syslogSuite(backend: 'sqlite' | 'postgres') {
  let hub: TestHub;
  let pg: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let forwarder: LogForwarder;
  let dir: string;
  let tcp: SyslogReceiver;
  let tlsReceiver: SyslogReceiver;
  let tcpId: string;
  let tlsId: string;
  let client: { cert: string; key: string };
  const owners: EventOwner[] = [];
  const stored: LogEventsTable[] = [];
  let clock = Date.UTC(2026, 10, 3, 8, 0, 0);

  const store = async (n: number) => {
    const rows: LogEventsTable[] = [];
    for (let i = 0; i < n; i++) {
      for (const o of owners) {
        clock += 500;
        rows.push(i % 3 === 0 ? authEvent(o, clock, `u"${i}]\\`, 'denied') : i % 3 === 1 ? adminEvent(o, clock, 'policy_update', 'Global Policy', { x: i }) : trustMonitorEvent(o, clock));
      }
    }
    const ingested = new Date().toISOString();
    const page = rows.map((r) => ({ ...r, ingested_at: ingested }));
    await storeEvents(hub.store.db, page);
    stored.push(...page);
  };
  const expectAll = (r: SyslogReceiver, rows: LogEventsTable[]) => rows.every((e) => r.received.has(e.id));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'duohub-syslog-'));
    const server = await selfSigned(dir, 'syslog-server');
    client = await selfSigned(dir, 'syslog-client');
    tcp = new SyslogReceiver();
    // Mutual TLS: the receiver only accepts the client certificate the destination holds.
    tlsReceiver = new SyslogReceiver({ cert: server.cert, key: server.key, requestCert: true, rejectUnauthorized: true, ca: [client.cert] });
    await tcp.up();
    await tlsReceiver.up();
    if (backend === 'postgres') pg = await createTempDatabase(process.env.DATABASE_URL!);
    hub = await startTestHub(pg ? { databaseUrl: pg.url } : {});
    useForwardingSettings(hub.hub, { allowPrivate: true });
    const integrationId = await storeIntegration(hub.store.db);
    for (const account of ['DA1', 'DA2']) owners.push({ integrationId, accountId: account, organizationId: await storeOrganization(hub.store.db, integrationId, account) });
    owners.push({ integrationId, accountId: 'DA9', organizationId: null });
    const a = await hub.api('POST', '/api/log-destinations', {
      body: { name: 'siem-tcp', kind: 'syslog', syslog: { host: '127.0.0.1', port: tcp.port, transport: 'tcp', facility: 10, hostname: 'duohub-test' } },
    });
    expect(a.status).toBe(201);
    expect(a.body.secret).toBeNull();
    tcpId = a.body.id;
    const b = await hub.api('POST', '/api/log-destinations', {
      body: {
        name: 'siem-tls',
        kind: 'syslog',
        syslog: { host: '127.0.0.1', port: tlsReceiver.port, transport: 'tls', tls: { ca: server.cert, client_cert: client.cert, client_key: client.key } },
        log_types: ['authentication', 'trust_monitor'],
      },
    });
    expect(b.status).toBe(201);
    tlsId = b.body.id;
    forwarder = await startLogForwarding(hub.hub, FAST);
  }, 60_000);

  afterAll(async () => {
    await forwarder?.stop();
    await tcp?.down();
    await tlsReceiver?.down();
    await hub?.close();
    await pg?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends RFC 5424 messages, octet-counted, over TCP and mutual TLS, with the event in structured data', async () => {
    await store(6);
    const forTls = stored.filter((e) => e.log_type === 'authentication' || e.log_type === 'trust_monitor');
    await waitUntil('both receivers to have every event', () => expectAll(tcp, stored) && expectAll(tlsReceiver, forTls));
    expect(tlsReceiver.received.size).toBe(forTls.length);
    const denial = stored.find((e) => e.log_type === 'authentication')!;
    const frame = tcp.received.get(denial.id)!;
    expect(frame).toMatchObject({ pri: 10 * 8 + 4, version: '1', hostname: 'duohub-test', appName: 'duohub', procId: '-', msgId: 'authentication', hadBom: true });
    expect(frame.timestamp).toBe(new Date(Number(denial.occurred_at)).toISOString());
    expect(frame.sd['duohub@32473']).toEqual({
      id: denial.id,
      log_type: 'authentication',
      integration_id: denial.integration_id,
      duo_account_id: denial.duo_account_id,
      organization_id: denial.organization_id!,
      event_key: denial.event_key,
      username: denial.username!,
      application: 'VPN',
      factor: 'duo_push',
      result: 'denied',
      reason: 'user_denied',
      event_type: 'authentication',
      ip: '198.51.100.7',
    });
    expect(JSON.parse(frame.msg)).toMatchObject({ type: 'duo.log_event', id: denial.id, raw: { result: 'denied' } });
    // The TLS receiver's default facility is 13 (log audit).
    expect(tlsReceiver.received.get(denial.id)!.pri).toBe(13 * 8 + 4);
  });

  it('reconnects with backoff while the receivers are down (crashing with unread bytes), and loses nothing', async () => {
    // Down while bytes are in flight: stop reading, let the hub write, then reset the connections.
    const writing = store(20);
    await tcp.down(30);
    await tlsReceiver.down(30);
    await writing;
    await store(5);
    await waitUntil('the failures to show', async () => (await hub.api('GET', `/api/log-destinations/${tcpId}`)).body.status.consecutive_failures > 0);
    const s = (await hub.api('GET', `/api/log-destinations/${tcpId}`)).body.status;
    expect(s.last_error).toMatch(/^syslog: /);
    expect(s.pending).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    await tcp.up();
    await tlsReceiver.up();
    const forTls = stored.filter((e) => e.log_type === 'authentication' || e.log_type === 'trust_monitor');
    await waitUntil('everything after the outage', () => expectAll(tcp, stored) && expectAll(tlsReceiver, forTls), 30_000);
    expect(tcp.received.size).toBe(stored.length);
    expect(tlsReceiver.received.size).toBe(forTls.length);
    expect(tcp.connections).toBeGreaterThan(1);
    console.info(`syslog outage: tcp ${tcp.frames} frames, ${tcp.duplicates} repeats; tls ${tlsReceiver.frames} frames, ${tlsReceiver.duplicates} repeats`);
  }, 60_000);

  it('in order per Duo account, and the REST status settles at no lag', async () => {
    for (const receiver of [tcp, tlsReceiver]) {
      const byAccount = new Map<string, number[]>();
      for (const f of receiver.inOrder()) {
        const account = f.sd['duohub@32473']!.duo_account_id!;
        byAccount.set(account, [...(byAccount.get(account) ?? []), Date.parse(f.timestamp)]);
      }
      for (const [account, times] of byAccount) expect({ account, times: [...times].sort((a, b) => a - b) }).toEqual({ account, times });
    }
    for (const id of [tcpId, tlsId]) {
      await waitUntil('no pending', async () => (await hub.api('GET', `/api/log-destinations/${id}`)).body.status.pending === 0);
      const s = (await hub.api('GET', `/api/log-destinations/${id}`)).body.status;
      expect(s).toMatchObject({ lag_seconds: 0, consecutive_failures: 0, failed_count: 0 });
    }
  });

  it("keeps the TLS client key sealed: never in the store, the API, the audit log or the hub's logs", async () => {
    const row = await forwardingDb(hub.store.db).selectFrom('log_destinations').selectAll().where('id', '=', tlsId).executeTakeFirstOrThrow();
    const keyBody = client.key.split('\n')[1]!;
    expect(row.tls_client_key).toMatch(/^v2\./);
    expect(JSON.stringify(row)).not.toContain(keyBody);
    const view = await hub.api('GET', `/api/log-destinations/${tlsId}`);
    expect(view.body.syslog.tls).toMatchObject({ client_key_set: true, client_cert: client.cert });
    expect(view.text).not.toContain(keyBody);
    const audit = await hub.api('GET', '/api/audit?action=log_destinations.create&limit=10');
    expect(audit.text).toContain('siem-tls');
    expect(audit.text).not.toContain(keyBody);
    expect(hub.logs.join('\n')).not.toContain(keyBody);
    // A test send over a fresh mutual-TLS connection.
    const test = await hub.api('POST', `/api/log-destinations/${tlsId}/test`);
    expect(test.body).toMatchObject({ ok: true, status: null, error: null });
    await waitUntil('the test message', () => tlsReceiver.inOrder().some((f) => f.msgId === 'test'));
  });

  it('a receiver that does not trust the hub (no client certificate) fails the TLS test send with a reason', async () => {
    const res = await hub.api('PATCH', `/api/log-destinations/${tlsId}`, { body: { syslog: { tls: { client_cert: null, client_key: null } } } });
    expect(res.status).toBe(200);
    expect(res.body.syslog.tls.client_key_set).toBe(false);
    const test = await hub.api('POST', `/api/log-destinations/${tlsId}/test`);
    expect(test.body.ok).toBe(false);
    expect(test.body.error).toMatch(/^syslog: /);
  });
}

const haveOpenssl = existsSync('/usr/bin/openssl');
describe.skipIf(!haveOpenssl)('syslog forwarding on SQLite', () => syslogSuite('sqlite'));
describe.skipIf(!haveOpenssl || !process.env.DATABASE_URL)(`syslog forwarding on Postgres${process.env.DATABASE_URL ? '' : ' (skipped: DATABASE_URL is unset)'}`, () => syslogSuite('postgres'));
