import { describe, expect, it } from 'vitest';
import { coverageJobOptionsFromEnv } from '../../src/jobs/mfa-coverage/coverage-job-options.js';
import { CoverageScheduler, msUntilNextSlot, scheduleSlot } from '../../src/jobs/mfa-coverage/coverage-scheduler.js';
import { parseInterval } from '../../src/jobs/mfa-coverage/parse-interval.js';
import { diffAccount, type DiffSide } from '../../src/reports/mfa-coverage-history/diff-coverage.js';
import { parseAtParam } from '../../src/reports/mfa-coverage-history/parse-at-param.js';
import { renderProgress } from '../../src/reports/render-progress.js';
import { formatReport } from '../../src/reports/report-command.js';

describe('parseInterval', () => {
  it.each([
    ['24h', 86_400_000],
    ['90m', 5_400_000],
    ['1d12h', 129_600_000],
    ['30s', 30_000],
    [' 2H ', 7_200_000],
    ['250ms', 250],
    ['0h', undefined],
    ['24', undefined],
    ['h', undefined],
    ['1.5h', undefined],
    ['-1h', undefined],
    ['1w', undefined],
    ['', undefined],
  ])('%j -> %j', (text, ms) => expect(parseInterval(text)).toBe(ms));
});

describe('parseAtParam', () => {
  it.each([
    ['2026-11-22', '2026-11-22T23:59:59.999Z'],
    ['2026-02-28', '2026-02-28T23:59:59.999Z'],
    ['2026-02-30', undefined],
    ['2026-13-01', undefined],
    ['2026-11-22T10:00:00Z', '2026-11-22T10:00:00.000Z'],
    ['2026-11-22T10:00+02:00', '2026-11-22T08:00:00.000Z'],
    ['2026-11-22T10:00:00', undefined],
    ['yesterday', undefined],
    ['1732233600', undefined],
  ])('%j -> %j', (text, iso) => expect(parseAtParam(text)).toBe(iso));
});

describe('schedule slots', () => {
  it.each([
    [0, 3_600_000, '3600000:0', 3_600_000],
    [3_599_999, 3_600_000, '3600000:0', 1],
    [3_600_000, 3_600_000, '3600000:1', 3_600_000],
    [86_400_000 * 3 + 5, 86_400_000, '86400000:3', 86_399_995],
  ])('at %d every %d: slot %s, next in %d ms', (now, interval, slot, next) => {
    expect(scheduleSlot(now, interval)).toBe(slot);
    expect(msUntilNextSlot(now, interval)).toBe(next);
  });

  it('fires for the current slot at start, then at each slot start, for every integration, and stops', async () => {
    let now = 1000;
    const timers: Array<{ at: number; fn: () => void; cleared: boolean }> = [];
    const clock = {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => {
        const timer = { at: now + ms, fn, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (h: unknown) => void ((h as { cleared: boolean }).cleared = true),
    };
    const started: string[] = [];
    const errors: unknown[] = [];
    const scheduler = new CoverageScheduler(
      60_000,
      {
        listIntegrations: async () => ['int_a', 'int_b'],
        startRun: async (id, slot) => {
          if (id === 'int_b' && slot === '60000:1') throw new Error('duo down');
          started.push(`${id}@${slot}`);
          return { id: `run-${id}` };
        },
        onError: (e) => errors.push(e),
      },
      clock,
    );
    await scheduler.start();
    expect(started).toEqual(['int_a@60000:0', 'int_b@60000:0']);
    expect(timers.map((t) => t.at)).toEqual([60_000]);
    now = 60_000;
    timers[0]!.fn();
    await new Promise((r) => setTimeout(r, 0));
    // A failing integration is reported and does not stop the others.
    expect(started).toEqual(['int_a@60000:0', 'int_b@60000:0', 'int_a@60000:1']);
    expect(errors).toHaveLength(1);
    expect(timers.map((t) => t.at)).toEqual([60_000, 120_000]);
    await scheduler.stop();
    expect(timers[1]!.cleared).toBe(true);
  });
});

describe('coverageJobOptionsFromEnv', () => {
  it('reads the schedule, concurrency, lease and replica id', () => {
    const o = coverageJobOptionsFromEnv({
      DUOHUB_COVERAGE_SCHEDULE: '12h',
      DUOHUB_COVERAGE_CONCURRENCY: '4',
      DUOHUB_COVERAGE_PAGES_IN_FLIGHT: '32',
      DUOHUB_COVERAGE_LEASE_MS: '5000',
      DUOHUB_REPLICA_ID: 'hub-1',
    });
    expect(o).toMatchObject({ scheduleMs: 43_200_000, concurrency: 4, pagesInFlight: 32, leaseMs: 5000, replicaId: 'hub-1' });
    // No cap on accounts by default: page reads in flight are the bound.
    expect(coverageJobOptionsFromEnv({})).toMatchObject({ scheduleMs: undefined, concurrency: undefined, pagesInFlight: 64, leaseMs: 30_000 });
    expect(coverageJobOptionsFromEnv({ DUOHUB_COVERAGE_SCHEDULE: 'off' }).scheduleMs).toBeUndefined();
  });

  it.each([
    ['DUOHUB_COVERAGE_SCHEDULE', 'daily'],
    ['DUOHUB_COVERAGE_SCHEDULE', '10s'],
    ['DUOHUB_COVERAGE_CONCURRENCY', '0'],
    ['DUOHUB_COVERAGE_PAGES_IN_FLIGHT', '0'],
    ['DUOHUB_COVERAGE_LEASE_MS', '1e4'],
    ['DUOHUB_REPLICA_ID', 'has spaces'],
  ])('refuses %s=%j, naming the variable', (name, value) => {
    expect(() => coverageJobOptionsFromEnv({ [name]: value })).toThrow(name);
  });
});

describe('diffAccount', () => {
  const u = (id: string, username = id) => ({ user_id: id, username, email: null, status: 'active' as const, last_login: null, riskyBypass: false });
  const side = (noMfa: string[], mfa: string[] | null, status: 'ok' | 'failed' = 'ok'): DiffSide => ({
    account_id: 'DA1',
    organization_id: null,
    name: 'Acme',
    status,
    usersWithoutMfa: noMfa.map((id) => u(id)),
    mfaUserIds: mfa,
  });
  const ids = (d: ReturnType<typeof diffAccount>) => ({
    comparable: d!.comparable,
    lost: d!.lost_mfa.map((x) => x.user_id),
    gained: d!.gained_mfa.map((x) => x.user_id),
    new: d!.new_without_mfa.map((x) => x.user_id),
    removed: d!.removed_without_mfa.map((x) => x.user_id),
  });
  it.each([
    ['nothing changed', side(['a'], ['b']), side(['a'], ['b']), { comparable: true, lost: [], gained: [], new: [], removed: [] }],
    ['b lost MFA', side(['a'], ['b']), side(['a', 'b'], []), { comparable: true, lost: ['b'], gained: [], new: [], removed: [] }],
    ['a gained MFA', side(['a'], ['b']), side([], ['a', 'b']), { comparable: true, lost: [], gained: ['a'], new: [], removed: [] }],
    ['c is new without MFA', side(['a'], ['b']), side(['a', 'c'], ['b']), { comparable: true, lost: [], gained: [], new: ['c'], removed: [] }],
    ['a left', side(['a'], ['b']), side([], ['b']), { comparable: true, lost: [], gained: [], new: [], removed: ['a'] }],
    ['earlier scan failed: everyone without MFA is new', side([], null, 'failed'), side(['a', 'c'], ['b']), { comparable: false, lost: [], gained: [], new: ['a', 'c'], removed: [] }],
    ['account new since then', undefined, side(['c'], []), { comparable: false, lost: [], gained: [], new: ['c'], removed: [] }],
    ['later scan failed: nothing can be said', side(['a'], ['b']), side([], null, 'failed'), { comparable: false, lost: [], gained: [], new: [], removed: [] }],
    ['account gone', side(['a'], ['b']), undefined, { comparable: false, lost: [], gained: [], new: [], removed: [] }],
  ])('%s', (_name, from, to, expected) => expect(ids(diffAccount(from, to))).toEqual(expected));

  it('lists users sorted by username', () => {
    const to: DiffSide = { ...side([], []), usersWithoutMfa: [u('1', 'zed'), u('2', 'amy'), u('3', 'amy')] };
    expect(diffAccount(side([], []), to)!.new_without_mfa.map((x) => x.user_id)).toEqual(['2', '3', '1']);
  });
});

describe('CLI rendering', () => {
  it.each([
    [{ accounts_total: 20, accounts_done: 9, accounts_failed: 0, users_seen: 27_000 }, '[#########-----------]  9/20 accounts  27,000 users'],
    [{ accounts_total: 20, accounts_done: 20, accounts_failed: 2, users_seen: 5 }, '[####################] 20/20 accounts  5 users  2 failed'],
    [{ accounts_total: 0, accounts_done: 0, accounts_failed: 0, users_seen: 0 }, '[####################] 0/0 accounts  0 users'],
  ])('progress %j', (p, text) => expect(renderProgress(p, 20)).toBe(text));

  it('prints a table per organization with MFA % and users without MFA', () => {
    const text = formatReport({
      snapshot: { id: 'cov_1', taken_at: '2026-11-22T00:00:00.000Z' },
      totals: { counts: { users: 300, no_mfa: 30 }, percentages: { mfa: 90 } },
      organizations: [
        { name: 'Acme', status: 'ok', users: 300, no_mfa: 30, mfa_percent: 90, error: null },
        { name: 'Broken Co', status: 'failed', users: 0, no_mfa: 0, mfa_percent: 0, error: { message: 'Access forbidden' } },
      ],
    });
    expect(text.split('\n')).toEqual([
      'MFA coverage cov_1 as of 2026-11-22T00:00:00.000Z',
      'organization  users  mfa %   without mfa',
      'Acme          300    90.00   30',
      'Broken Co     0      failed  Access forbidden',
      'total: 300 users, 90.00% with MFA, 30 without',
      '',
    ]);
  });
});
