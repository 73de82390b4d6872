import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyWebhookStatus, parseRetryAfter } from '../../src/logs/forwarding/classify-webhook-response.js';
import { deliveryBackoffMs } from '../../src/logs/forwarding/delivery-backoff.js';
import { groupByPartition } from '../../src/logs/forwarding/delivery-queue.js';
import { addressProblem, destinationHostProblem } from '../../src/logs/forwarding/destination-address-guard.js';
import { destinationFilter, filterTakesAlert, filterTakesEvent } from '../../src/logs/forwarding/destination-filter.js';
import { isoMinus } from '../../src/logs/forwarding/fill-outbox.js';
import { idempotencyKey, syslogMessageFor, webhookPayload } from '../../src/logs/forwarding/forward-items.js';
import type { LogDeliveriesTable } from '../../src/logs/forwarding/forwarding-tables.js';
import { signWebhookBody, verifyWebhookSignature } from '../../src/logs/forwarding/sign-webhook.js';
import { formatSyslogMessage, frameOctetCounted } from '../../src/logs/forwarding/syslog-format.js';
import { webhookUrlIssues } from '../../src/logs/forwarding/destination-service.js';
import { authEvent } from './support/scripted-events.js';

describe('delivery backoff (pure)', () => {
  const opts = { initialMs: 1000, maxMs: 300_000 };
  it.each([
    [1, 0, 500],
    [1, 0.999999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [9, 0, 128_000],
    [10, 0, 150_000],
    [10, 1, 300_000],
    [50, 0.5, 225_000],
  ])('after %i failures with random %f waits %i ms', (failures, r, expected) => {
    expect(deliveryBackoffMs(failures, opts, () => r)).toBe(Math.round(expected));
  });

  it('honours a longer Retry-After, up to the cap, and ignores a shorter one', () => {
    expect(deliveryBackoffMs(1, opts, () => 0, 20_000)).toBe(20_000);
    expect(deliveryBackoffMs(1, opts, () => 0, 100)).toBe(500);
    expect(deliveryBackoffMs(1, opts, () => 0, 10_000_000)).toBe(300_000);
  });

  it('spreads: jitter stays within half a step to a full step', () => {
    for (let i = 0; i < 200; i++) {
      const w = deliveryBackoffMs(4, opts);
      expect(w).toBeGreaterThanOrEqual(4000);
      expect(w).toBeLessThanOrEqual(8000);
    }
  });
});

describe('webhook answers (pure)', () => {
  const now = Date.UTC(2026, 0, 1);
  it.each([
    [200, null, { outcome: 'delivered' }],
    [204, null, { outcome: 'delivered' }],
    [500, null, { outcome: 'retry' }],
    [503, '7', { outcome: 'retry', retryAfterMs: 7000 }],
    [429, 'Thu, 01 Jan 2026 00:00:30 GMT', { outcome: 'retry', retryAfterMs: 30_000 }],
    [429, 'soon', { outcome: 'retry' }],
    [408, null, { outcome: 'retry' }],
    [425, null, { outcome: 'retry' }],
    [400, null, { outcome: 'reject' }],
    [404, '5', { outcome: 'reject' }],
    [410, null, { outcome: 'reject' }],
    [301, null, { outcome: 'reject' }],
    [302, null, { outcome: 'reject' }],
  ])('HTTP %i (Retry-After %s)', (status, retryAfter, expected) => {
    expect(classifyWebhookStatus(status, retryAfter, now)).toEqual(expected);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('webhook signature (pure)', () => {
  const secret = 'dhsig_test-secret-0123456789';
  const body = '{"type":"duo.log_event","id":"lev_1"}';
  it('is HMAC-SHA256 over "<timestamp>.<body>" and verifies', () => {
    const header = signWebhookBody(secret, 1_800_000_000, body);
    const mac = createHmac('sha256', secret).update(`1800000000.${body}`).digest('hex');
    expect(header).toBe(`t=1800000000,v1=${mac}`);
    expect(verifyWebhookSignature(secret, header, body, 1_800_000_100)).toBe(true);
  });
  it.each([
    ['another body', (h: string) => h, body + ' ', 1_800_000_000],
    ['another secret', (h: string) => h.replace(/v1=./, 'v1=0'), body, 1_800_000_000],
    ['too old', (h: string) => h, body, 1_800_000_301],
    ['no signature', () => '', body, 1_800_000_000],
    ['garbled', () => 't=x,v1=zz', body, 1_800_000_000],
  ])('refuses %s', (_name, mangle, sentBody, now) => {
    expect(verifyWebhookSignature(secret, mangle(signWebhookBody(secret, 1_800_000_000, body)), sentBody, now)).toBe(false);
  });
});

describe('RFC 5424 messages and RFC 6587 framing (pure)', () => {
  it('formats PRI, version, timestamp, header fields and structured data', () => {
    const text = formatSyslogMessage({
      facility: 13,
      severity: 4,
      timestamp: Date.UTC(2026, 10, 2, 9, 30, 1, 250),
      hostname: 'hub one',
      appName: 'duohub',
      msgId: 'authentication',
      params: [
        ['id', 'lev_1'],
        ['username', 'a"b\\c]d'],
        ['ip', null],
        ['bad name=x', 'v'],
      ],
      message: '{"x":"é"}',
    });
    expect(text).toBe('<108>1 2026-11-02T09:30:01.250Z hubone duohub - authentication [duohub@32473 id="lev_1" username="a\\"b\\\\c\\]d" badnamex="v"] \uFEFF{"x":"é"}');
  });
  it('uses NILVALUE for empty header fields and cuts long ones', () => {
    const text = formatSyslogMessage({ facility: 1, severity: 6, timestamp: 0, hostname: '', appName: 'a'.repeat(60), msgId: '', params: [], message: '' });
    expect(text).toBe(`<14>1 1970-01-01T00:00:00.000Z - ${'a'.repeat(48)} - - [duohub@32473] \uFEFF`);
  });
  it('frames with the byte length (not the character count)', () => {
    const frame = frameOctetCounted('<14>1 é');
    expect(frame.toString('utf8')).toBe('8 <14>1 é');
  });
  it('an event becomes a message with its fields as structured data and its JSON as MSG', () => {
    const event = authEvent({ integrationId: 'int_1', accountId: 'DA1', organizationId: 'org_1' }, Date.UTC(2026, 0, 1), 'alice', 'denied');
    const m = syslogMessageFor({ kind: 'event', event }, { facility: 10, hostname: 'h' });
    expect(m.severity).toBe(4);
    expect(m.msgId).toBe('authentication');
    expect(Object.fromEntries(m.params)).toMatchObject({ id: event.id, username: 'alice', result: 'denied', organization_id: 'org_1', duo_account_id: 'DA1' });
    expect(JSON.parse(m.message)).toMatchObject({ type: 'duo.log_event', id: event.id, raw: { user: { name: 'alice' } } });
  });
});

describe('SSRF guard for destinations (pure)', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd12:3456::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:8.8.8.8', false],
    ['2606:4700::1111', false],
  ])('%s refused: %s', (ip, refused) => {
    expect(addressProblem(ip) !== undefined).toBe(refused);
  });

  it('refuses loopback names and literal private hosts unless allowed', () => {
    expect(destinationHostProblem('localhost', false)).toMatch(/loopback/);
    expect(destinationHostProblem('x.localhost', false)).toMatch(/loopback/);
    expect(destinationHostProblem('[::1]', false)).toMatch(/private/);
    expect(destinationHostProblem('siem.example.net', false)).toBeUndefined();
    expect(destinationHostProblem('127.0.0.1', true)).toBeUndefined();
  });

  it.each([
    ['https://hooks.example.net/duo?x=1', false, []],
    ['http://hooks.example.net/duo', false, []],
    ['ftp://hooks.example.net/', false, ['must use http or https']],
    ['not a url', false, ['must be an absolute http(s) URL']],
    ['https://user:pw@hooks.example.net/', false, ['must not carry a user name or password; the body is signed with the destination secret instead']],
    ['https://hooks.example.net/#x', false, ['must not have a #fragment']],
    ['http://127.0.0.1:8080/hook', false, ['host is a loopback, private, link-local or reserved address; the server does not allow private destinations (DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE)']],
    ['http://169.254.169.254/latest/meta-data', false, ['host is a loopback, private, link-local or reserved address; the server does not allow private destinations (DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE)']],
    ['http://127.0.0.1:8080/hook', true, []],
  ] as const)('webhook URL %s (private allowed: %s)', (url, allow, messages) => {
    expect(webhookUrlIssues(url, allow).map((i) => i.message)).toEqual(messages);
    for (const issue of webhookUrlIssues(url, allow)) expect(issue).toMatchObject({ in: 'body', field: 'url' });
  });
});

describe('filters, partitions, payloads (pure)', () => {
  const row = (over: Partial<Parameters<typeof destinationFilter>[0]>) => destinationFilter({ organization_ids: null, log_types: null, include_events: 1, include_alerts: 0, ...over });
  it('filters by organization and log type; an organization list never takes unmapped accounts', () => {
    const f = row({ organization_ids: '["org_a"]', log_types: '["authentication"]' });
    expect(filterTakesEvent(f, { organization_id: 'org_a', log_type: 'authentication' })).toBe(true);
    expect(filterTakesEvent(f, { organization_id: 'org_b', log_type: 'authentication' })).toBe(false);
    expect(filterTakesEvent(f, { organization_id: null, log_type: 'authentication' })).toBe(false);
    expect(filterTakesEvent(f, { organization_id: 'org_a', log_type: 'telephony' })).toBe(false);
    expect(filterTakesEvent(row({}), { organization_id: null, log_type: 'telephony' })).toBe(true);
    expect(filterTakesEvent(row({ include_events: 0 }), { organization_id: null, log_type: 'telephony' })).toBe(false);
    expect(filterTakesAlert(f, { organization_id: 'org_a' })).toBe(false);
    expect(filterTakesAlert(row({ include_alerts: 1, organization_ids: '["org_a"]' }), { organization_id: 'org_a' })).toBe(true);
    expect(filterTakesAlert(row({ include_alerts: 1, organization_ids: '["org_a"]' }), { organization_id: null })).toBe(false);
  });

  it('groups deliveries by partition, keeping each in order', () => {
    const d = (id: string, p: string) => ({ item_id: id, partition_key: p }) as LogDeliveriesTable;
    const groups = groupByPartition([d('1', 'a'), d('2', 'b'), d('3', 'a'), d('4', 'c'), d('5', 'b')]);
    expect(groups.map((g) => g.map((x) => x.item_id))).toEqual([['1', '3'], ['2', '5'], ['4']]);
  });

  it('idempotency keys are stable per destination and item', () => {
    const event = authEvent({ integrationId: 'i', accountId: 'a', organizationId: null }, 1, 'u', 'success');
    expect(idempotencyKey('ldst_1', { kind: 'event', event })).toBe(`ldst_1:${event.id}`);
    expect(webhookPayload({ kind: 'event', event })).toMatchObject({ type: 'duo.log_event', id: event.id, occurred_at: '1970-01-01T00:00:00.001Z' });
  });

  it('isoMinus keeps the beginning as the beginning', () => {
    expect(isoMinus('', 1000)).toBe('');
    expect(isoMinus('2026-01-01T00:05:00.000Z', 300_000)).toBe('2026-01-01T00:00:00.000Z');
  });
});
