import { describe, expect, it } from 'vitest';
import { HubConfigError } from '../../src/config/load-config.js';
import { duoLogRateFromEnv, logSyncJobOptionsFromEnv } from '../../src/jobs/log-sync/log-sync-job-options.js';
import { canonicalJson } from '../../src/json/canonical-json.js';
import { duoTimeMs } from '../../src/logs/sync/duo-time-ms.js';
import { eventKey } from '../../src/logs/sync/event-key.js';
import { extractActivity } from '../../src/logs/sync/extract-activity.js';
import { extractAdministrator } from '../../src/logs/sync/extract-administrator.js';
import { extractAuthentication } from '../../src/logs/sync/extract-authentication.js';
import { extractOfflineEnrollment } from '../../src/logs/sync/extract-offline-enrollment.js';
import { extractTelephony } from '../../src/logs/sync/extract-telephony.js';
import { extractTrustMonitor } from '../../src/logs/sync/extract-trust-monitor.js';
import type { LogSearchFields } from '../../src/logs/sync/log-search-fields.js';
import { isRetryableLogFailure, logSyncError } from '../../src/logs/sync/log-sync-error.js';
import { readLogSyncCursor } from '../../src/logs/sync/log-sync-cursor.js';
import { afterSecondsPage, afterWindowPage, DUO_LOOKBACK_MS, planSecondsRead, planWindowRead } from '../../src/logs/sync/plan-log-read.js';
import { HubError } from '../../src/errors/hub-error.js';
import { DuoConnectionError, DuoForbiddenError, DuoRateLimitError, DuoServerError } from '@duohub/sdk';

const none: LogSearchFields = { occurredAt: undefined, username: null, application: null, factor: null, result: null, reason: null, eventType: null, ip: null };
const T = Date.UTC(2026, 10, 22, 12, 0, 0);
const DAY = 86_400_000;

describe('search fields per log type (rows as Duo documents them)', () => {
  const table: Array<[string, (row: unknown) => LogSearchFields, unknown, Partial<LogSearchFields>]> = [
    [
      'authentication v2',
      extractAuthentication,
      {
        access_device: { ip: '203.0.113.7', location: { city: 'Ann Arbor' } },
        application: { key: 'DIXXX', name: 'Web SSO' },
        event_type: 'authentication',
        factor: 'duo_push',
        isotimestamp: '2026-11-22T12:00:00.351346+00:00',
        reason: 'user_approved',
        result: 'success',
        timestamp: T / 1000,
        txid: 'tx-1',
        user: { key: 'DU1', name: 'jdoe', groups: [] },
      },
      { occurredAt: T + 351, username: 'jdoe', application: 'Web SSO', factor: 'duo_push', result: 'success', reason: 'user_approved', eventType: 'authentication', ip: '203.0.113.7' },
    ],
    ['authentication v2, seconds only, unnamed application', extractAuthentication, { timestamp: T / 1000, application: { key: 'DIKEY', name: '' }, user: { name: '' } }, { occurredAt: T, application: 'DIKEY' }],
    [
      'telephony v2',
      extractTelephony,
      { context: 'authentication', credits: 1, phone: '+15555550100', telephony_id: 'tel-1', ts: '2026-11-22T12:00:00.5+00:00', txid: 'tx-1', type: 'sms' },
      { occurredAt: T + 500, factor: 'sms', reason: 'authentication', eventType: 'sms' },
    ],
    [
      'activity v2 (action object, ip object, actor as JSON text)',
      extractActivity,
      {
        action: { name: 'admin_login', details: null },
        activity_id: 'act-1',
        actor: '{"key":"DE1","name":"Alice Admin","type":"admin"}',
        application: { key: 'DA1', name: 'Admin Panel', type: 'admin' },
        outcome: { result: 'SUCCESS' },
        access_device: { ip: { address: '198.51.100.4' } },
        ts: '2026-11-22T12:00:00+00:00',
      },
      { occurredAt: T, username: 'Alice Admin', application: 'Admin Panel', result: 'SUCCESS', eventType: 'admin_login', ip: '198.51.100.4' },
    ],
    ['activity v2 (plain action and outcome strings)', extractActivity, { action: 'user_create', outcome: 'FAILURE', actor: { name: 'API' }, ts: '2026-11-22T12:00:00Z' }, { occurredAt: T, username: 'API', result: 'FAILURE', eventType: 'user_create' }],
    [
      'administrator v1 (login with ip in description)',
      extractAdministrator,
      { action: 'admin_login', description: '{"ip_address": "192.0.2.9", "factor": "push"}', object: null, timestamp: T / 1000, username: 'alice' },
      { occurredAt: T, username: 'alice', eventType: 'admin_login', ip: '192.0.2.9', factor: 'push' },
    ],
    ['administrator v1 (description not JSON)', extractAdministrator, { action: 'user_update', description: 'free text', isotimestamp: '2026-11-22T12:00:00+00:00', username: 'API' }, { occurredAt: T, username: 'API', eventType: 'user_update' }],
    [
      'offline enrollment v1',
      extractOfflineEnrollment,
      { action: 'o2fa_user_provisioned', description: '{"user_agent": "DuoWinLogon/4.0", "hostname": "WKS1", "factor": "duo_otp"}', object: 'Acme Windows Logon', timestamp: T / 1000, username: 'bob' },
      { occurredAt: T, username: 'bob', application: 'Acme Windows Logon', factor: 'duo_otp', eventType: 'o2fa_user_provisioned' },
    ],
    [
      'trust monitor',
      extractTrustMonitor,
      {
        sekey: 'SE1',
        type: 'auth',
        state: 'new',
        surfaced_timestamp: T,
        surfaced_auth: { user: { name: 'carol' }, application: { name: 'VPN' }, factor: 'duo_push', reason: 'user_approved', access_device: { ip: '203.0.113.9' } },
      },
      { occurredAt: T, username: 'carol', application: 'VPN', factor: 'duo_push', result: 'new', reason: 'user_approved', eventType: 'auth', ip: '203.0.113.9' },
    ],
    ['a row that is not an object', extractAuthentication, 'garbage', {}],
    ['a row of the wrong shapes', extractTelephony, { ts: 12, type: { x: 1 }, context: ['a'] }, { occurredAt: 12000 }],
  ];
  it.each(table)('%s', (_name, extract, row, want) => {
    expect(extract(row)).toEqual({ ...none, ...want });
  });

  it('cuts very long values and ignores blank ones', () => {
    const f = extractAuthentication({ user: { name: 'x'.repeat(2000) }, factor: '   ' });
    expect(f.username).toHaveLength(500);
    expect(f.factor).toBeNull();
  });
});

describe('Duo times', () => {
  it.each([
    [T / 1000, T],
    [T, T],
    [String(T / 1000), T],
    ['2026-11-22T12:00:00.999999+00:00', T + 999],
    ['2026-11-22T13:30:00+01:30', T],
    ['2026-11-22 12:00:00', T],
    ['2026-11-22T12:00:00Z', T],
    ['yesterday', undefined],
    [-1, undefined],
    [Number.NaN, undefined],
    [null, undefined],
  ])('%s -> %s', (value, want) => {
    expect(duoTimeMs(value)).toBe(want);
  });
});

describe('event keys', () => {
  it("is Duo's id when the row has one", () => {
    expect(eventKey('tx-1', { txid: 'tx-1' })).toBe('tx-1');
    expect(eventKey(42, {})).toBe('42');
  });
  it('is a digest of the canonical JSON otherwise: key order does not matter, content does', () => {
    const a = eventKey(undefined, { b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } });
    const b = eventKey(undefined, { a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(eventKey(undefined, { a: 1 })).not.toBe(eventKey(undefined, { a: 2 }));
    expect(eventKey('', { a: 1 })).toBe(eventKey(undefined, { a: 1 }));
    expect(eventKey('x'.repeat(201), { a: 1 })).toBe(eventKey(undefined, { a: 1 }));
  });
  it('canonical JSON sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ z: 1, a: [undefined, { d: undefined, c: 'é' }], m: { b: true, a: null } })).toBe('{"a":[null,{"c":"é"}],"m":{"a":null,"b":true},"z":1}');
  });
});

describe('planning a windowed read', () => {
  const clock = { nowMs: T, lagMs: 120_000, backfillMs: 30 * DAY };
  it.each([
    ['first read: from the backfill start to now - lag - 1', { syncedThrough: null, cursor: undefined }, { mintime: T - 30 * DAY, maxtime: T - 120_001 }],
    ['next read: from synced_through', { syncedThrough: T - 600_000, cursor: undefined }, { mintime: T - 600_000, maxtime: T - 120_001 }],
    ['caught up: nothing to read', { syncedThrough: T - 120_000, cursor: undefined }, undefined],
    ['one instant behind: a one-instant window waits (Duo wants mintime < maxtime)', { syncedThrough: T - 120_001, cursor: undefined }, undefined],
    ['two instants behind: read', { syncedThrough: T - 120_002, cursor: undefined }, { mintime: T - 120_002, maxtime: T - 120_001 }],
    [
      'an unfinished window resumes at its cursor',
      { syncedThrough: T - 5000_000, cursor: { kind: 'window' as const, mintime: T - 9000_000, maxtime: T - 1000_000, next_offset: ['1', 'tx'] } },
      { mintime: T - 9000_000, maxtime: T - 1000_000, offset: ['1', 'tx'] },
    ],
    [
      "a position older than Duo's 180 days starts inside them, and says so",
      { syncedThrough: T - 200 * DAY, cursor: undefined },
      { mintime: T - DUO_LOOKBACK_MS, maxtime: T - 120_001, skippedFrom: T - 200 * DAY },
    ],
    [
      "a cursor older than Duo's 180 days restarts its window inside them",
      { syncedThrough: T - 190 * DAY, cursor: { kind: 'window' as const, mintime: T - 200 * DAY, maxtime: T - 100 * DAY, next_offset: 'x' } },
      { mintime: T - DUO_LOOKBACK_MS, maxtime: T - 100 * DAY, skippedFrom: T - 190 * DAY },
    ],
  ])('%s', (_name, state, want) => {
    expect(planWindowRead(state, clock)).toEqual(want);
  });
  it('a backfill longer than Duo keeps starts at its 180 days', () => {
    expect(planWindowRead({ syncedThrough: null, cursor: undefined }, { ...clock, backfillMs: 400 * DAY })?.mintime).toBe(T - DUO_LOOKBACK_MS);
  });
});

describe('the position after a window page', () => {
  const read = { mintime: 1000, maxtime: 9999 };
  it.each([
    ['a middle page, oldest first: cursor kept, synced up to its latest row', { count: 1000, lastOccurredAt: 5000, nextOffset: ['5000', 'tx'] }, true, null, { cursor: { kind: 'window', mintime: 1000, maxtime: 9999, next_offset: ['5000', 'tx'] }, syncedThrough: 5000, done: false }],
    ['a middle page in Duo order: synced_through stays', { count: 200, lastOccurredAt: 5000, nextOffset: 'o' }, false, 700, { cursor: { kind: 'window', mintime: 1000, maxtime: 9999, next_offset: 'o' }, syncedThrough: 700, done: false }],
    ['the last page: synced through the end of the window', { count: 3, lastOccurredAt: 9000, nextOffset: undefined }, true, 5000, { cursor: null, syncedThrough: 10000, done: true }],
    ['an empty page ends the window', { count: 0, lastOccurredAt: undefined, nextOffset: 'o' }, true, 5000, { cursor: null, syncedThrough: 10000, done: true }],
    ['a row time beyond the window never moves synced_through past its end', { count: 5, lastOccurredAt: 20000, nextOffset: 'o' }, true, null, { cursor: { kind: 'window', mintime: 1000, maxtime: 9999, next_offset: 'o' }, syncedThrough: 10000, done: false }],
    ['synced_through never moves back', { count: 5, lastOccurredAt: 3000, nextOffset: 'o' }, true, 4000, { cursor: { kind: 'window', mintime: 1000, maxtime: 9999, next_offset: 'o' }, syncedThrough: 4000, done: false }],
  ])('%s', (_name, page, ascending, through, want) => {
    expect(afterWindowPage(read, page, ascending, through)).toEqual(want);
  });
  it('a cursor Duo repeats ends the window instead of looping', () => {
    expect(afterWindowPage({ ...read, offset: 'same' }, { count: 10, lastOccurredAt: 2000, nextOffset: 'same' }, true, null).done).toBe(true);
  });
});

describe('v1 reads (mintime in seconds)', () => {
  const clock = { nowMs: T, lagMs: 120_000, backfillMs: 30 * DAY };
  it('plans from the stored next second, else synced_through, else the backfill start', () => {
    expect(planSecondsRead({ syncedThrough: null, cursor: undefined }, clock)).toEqual({ mintimeSec: (T - 30 * DAY) / 1000, horizon: T - 120_000 });
    expect(planSecondsRead({ syncedThrough: T - 5500, cursor: undefined }, clock).mintimeSec).toBe(T / 1000 - 6);
    expect(planSecondsRead({ syncedThrough: T - 5500, cursor: { kind: 'seconds', mintime_s: 77 } }, clock).mintimeSec).toBe(Math.ceil((T - DUO_LOOKBACK_MS) / 1000));
    expect(planSecondsRead({ syncedThrough: T - 5500, cursor: { kind: 'seconds', mintime_s: T / 1000 - 2 } }, clock).mintimeSec).toBe(T / 1000 - 2);
  });
  const read = { mintimeSec: 100, horizon: 500_000 };
  it.each([
    ['a page that is not full reached the present: synced to now - lag', { count: 10, maxSec: 400, full: false }, null, { cursor: null, syncedThrough: 500_000, done: true, nextMintimeSec: 500 }],
    ['an empty page too', { count: 0, maxSec: undefined, full: false }, 1000, { cursor: null, syncedThrough: 500_000, done: true, nextMintimeSec: 500 }],
    ['a full page goes on from its latest second, inclusively', { count: 1000, maxSec: 300, full: true }, null, { cursor: { kind: 'seconds', mintime_s: 300 }, syncedThrough: 300_000, done: false, nextMintimeSec: 300 }],
    ['a full page of one second goes on from the next second', { count: 1000, maxSec: 100, full: true }, null, { cursor: { kind: 'seconds', mintime_s: 101 }, syncedThrough: 100_000, done: false, nextMintimeSec: 101 }],
    ['a full page never moves synced_through past now - lag', { count: 1000, maxSec: 900, full: true }, null, { cursor: { kind: 'seconds', mintime_s: 900 }, syncedThrough: 500_000, done: false, nextMintimeSec: 900 }],
  ])('%s', (_name, page, through, want) => {
    expect(afterSecondsPage(read, page, through)).toEqual(want);
  });
});

describe('stored cursors', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['not json', undefined],
    ['{"kind":"window","mintime":5,"maxtime":4}', undefined],
    ['{"kind":"window","mintime":1,"maxtime":4,"next_offset":[1]}', undefined],
    ['{"kind":"window","mintime":1,"maxtime":4,"next_offset":["1","a"]}', { kind: 'window', mintime: 1, maxtime: 4, next_offset: ['1', 'a'] }],
    ['{"kind":"window","mintime":1,"maxtime":4}', { kind: 'window', mintime: 1, maxtime: 4 }],
    ['{"kind":"seconds","mintime_s":12}', { kind: 'seconds', mintime_s: 12 }],
    ['{"kind":"seconds","mintime_s":-1}', undefined],
  ])('%s', (text, want) => {
    expect(readLogSyncCursor(text)).toEqual(want);
  });
});

describe('run failures', () => {
  it.each([
    [new DuoRateLimitError('Too Many Requests', { status: 429, code: 42901 }), true, 'DuoRateLimitError'],
    [new DuoServerError('Unavailable', { status: 503, code: 50301 }), true, 'DuoServerError'],
    [new DuoConnectionError('reset', { failure: 'reset', sent: true }), true, 'unreachable'],
    [new DuoForbiddenError('Access forbidden', { status: 403, code: 40301 }), false, 'DuoForbiddenError'],
    [new HubError('credentials_missing', { message: 'no keys' }), false, 'credentials_missing'],
    [new Error('SQLITE_BUSY with /secret/path'), true, 'internal'],
  ])('%s', (error, retryable, kind) => {
    expect(isRetryableLogFailure(error)).toBe(retryable);
    const stored = logSyncError(error);
    expect(stored.kind).toBe(kind);
    // Only Duo's own words, hub messages, or fixed text are kept.
    if (kind === 'internal') expect(stored.message).not.toContain('secret');
  });
});

describe('configuration from the environment', () => {
  it('reads every variable, and defaults to on-demand only, a 2 min lag, 180 days kept', () => {
    const d = logSyncJobOptionsFromEnv({});
    expect(d).toMatchObject({ scheduleMs: undefined, lagMs: 120_000, retentionDays: 180, backfillMs: 180 * DAY, concurrency: 64, pagesInFlight: 16, leaseMs: 30_000 });
    const o = logSyncJobOptionsFromEnv({
      DUOHUB_LOG_SYNC_SCHEDULE: '15m',
      DUOHUB_LOG_SYNC_LAG: '5m',
      DUOHUB_LOG_RETENTION_DAYS: '30',
      DUOHUB_LOG_SYNC_CONCURRENCY: '8',
      DUOHUB_LOG_SYNC_PAGES_IN_FLIGHT: '4',
      DUOHUB_LOG_SYNC_LEASE_MS: '5000',
      DUOHUB_REPLICA_ID: 'r-1',
    });
    expect(o).toMatchObject({ scheduleMs: 900_000, lagMs: 300_000, retentionDays: 30, backfillMs: 30 * DAY, concurrency: 8, pagesInFlight: 4, leaseMs: 5000, replicaId: 'r-1' });
    expect(logSyncJobOptionsFromEnv({ DUOHUB_LOG_RETENTION_DAYS: 'off' })).toMatchObject({ retentionDays: null, backfillMs: 180 * DAY });
    expect(logSyncJobOptionsFromEnv({ DUOHUB_LOG_SYNC_BACKFILL_DAYS: '7', DUOHUB_LOG_SYNC_LAG: '0s' })).toMatchObject({ backfillMs: 7 * DAY, lagMs: 0 });
    expect(duoLogRateFromEnv({})).toBeUndefined();
    expect(duoLogRateFromEnv({ DUOHUB_DUO_LOG_RATE_PER_MINUTE: '60' })).toBe(60);
  });
  it.each([
    ['DUOHUB_LOG_SYNC_SCHEDULE', '30s'],
    ['DUOHUB_LOG_SYNC_SCHEDULE', 'often'],
    ['DUOHUB_LOG_SYNC_LAG', '2 minutes'],
    ['DUOHUB_LOG_SYNC_LAG', '2d'],
    ['DUOHUB_LOG_RETENTION_DAYS', '0'],
    ['DUOHUB_LOG_RETENTION_DAYS', '1.5'],
    ['DUOHUB_LOG_SYNC_BACKFILL_DAYS', '181'],
    ['DUOHUB_LOG_SYNC_CONCURRENCY', '0'],
    ['DUOHUB_LOG_SYNC_LEASE_MS', '10'],
    ['DUOHUB_REPLICA_ID', 'has space'],
    ['DUOHUB_DUO_LOG_RATE_PER_MINUTE', '0'],
    ['DUOHUB_DUO_LOG_RATE_PER_MINUTE', 'fast'],
  ])('%s=%s is refused, naming the variable', (name, value) => {
    const read = () => (name === 'DUOHUB_DUO_LOG_RATE_PER_MINUTE' ? duoLogRateFromEnv({ [name]: value }) : logSyncJobOptionsFromEnv({ [name]: value }));
    expect(read).toThrow(HubConfigError);
    expect(read).toThrow(name);
  });
});
