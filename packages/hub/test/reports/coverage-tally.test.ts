import { describe, expect, it } from 'vitest';
import {
  BypassRiskIndex,
  CoverageTally,
  fleetTotals,
  runBounded,
  type AccountOutcome,
  type CoverageUser,
} from '../../src/reports/mfa-coverage/index.js';

const NOW = Date.UTC(2026, 10, 22);
const NOW_S = NOW / 1000;
const withMfa = (id: string): CoverageUser => ({ user_id: id, username: id.toLowerCase(), status: 'active', tokens: [{}], last_login: NOW_S - 10 });
const noMfa = (id: string, extra: Partial<CoverageUser> = {}): CoverageUser => ({ user_id: id, username: id.toLowerCase(), email: `${id}@x`, status: 'active', last_login: null, ...extra });

describe('CoverageTally', () => {
  it('counts, lists users without MFA sorted by username, and joins bypass risk by user_id', () => {
    const index = new BypassRiskIndex(NOW);
    index.add({ bypass_code_id: 'B1', expiration: null, reuse_count: 1, user: { user_id: 'C' } });
    index.add({ bypass_code_id: 'B2', expiration: NOW_S + 60, reuse_count: 1, user: { user_id: 'A' } });
    index.add({ bypass_code_id: 'B3', expiration: null, reuse_count: 1, user: null });
    const tally = new CoverageTally({ nowMs: NOW, bypass: index });
    tally.addPage([noMfa('C', { status: 'locked out' }), withMfa('A'), noMfa('B', { status: 'disabled', email: null })]);
    expect(tally.totals).toMatchObject({ users: 3, mfa: 1, noMfa: 2, riskyBypass: 1, neverLoggedIn: 2 });
    expect(tally.totals.noMfaByStatus).toMatchObject({ locked_out: 1, disabled: 1, active: 0 });
    expect(tally.usersWithoutMfa()).toEqual([
      { user_id: 'B', username: 'b', email: null, status: 'disabled', last_login: null, riskyBypass: false },
      { user_id: 'C', username: 'c', email: 'C@x', status: 'locked_out', last_login: null, riskyBypass: true },
    ]);
    expect(index.size).toBe(1);
    expect(index.codes).toBe(3);
  });

  it('joins bypass codes that complete after some pages: earlier users are settled by id, later ones judged directly', () => {
    const index = new BypassRiskIndex(NOW);
    index.add({ bypass_code_id: 'B1', expiration: null, reuse_count: 1, user: { user_id: 'A' } });
    index.add({ bypass_code_id: 'B2', expiration: null, reuse_count: 1, user: { user_id: 'N1' } });
    index.add({ bypass_code_id: 'B3', expiration: NOW_S + 9, reuse_count: null, user: { user_id: 'D' } });
    index.add({ bypass_code_id: 'B4', expiration: null, reuse_count: 1, user: { user_id: 'N2' } });
    const tally = new CoverageTally({ nowMs: NOW });
    tally.addPage([withMfa('A'), noMfa('N1'), withMfa('B')]);
    expect(tally.totals.riskyBypass).toBe(0);
    tally.joinBypass(index);
    expect(tally.totals.riskyBypass).toBe(2);
    tally.addPage([withMfa('D'), noMfa('N2'), withMfa('E')]);
    expect(tally.totals).toMatchObject({ users: 6, riskyBypass: 4 });
    expect(tally.usersWithoutMfa().map((u) => [u.user_id, u.riskyBypass])).toEqual([
      ['N1', true],
      ['N2', true],
    ]);
    expect(() => tally.joinBypass(index)).toThrow();
  });

  it('drops a user repeated across a page boundary (the list shifted under the scan)', () => {
    const tally = new CoverageTally({ nowMs: NOW });
    expect(tally.addPage([withMfa('A'), withMfa('B'), noMfa('C')])).toBe(3);
    expect(tally.addPage([withMfa('B'), noMfa('C'), withMfa('D')])).toBe(1);
    expect(tally.totals.users).toBe(4);
    expect(tally.duplicates).toBe(2);
  });

  it('drops a repeated user without MFA however far apart, and MFA users within the window only', () => {
    const tally = new CoverageTally({ nowMs: NOW, dedupeWindowPages: 1 });
    tally.addPage([noMfa('N'), withMfa('M')]);
    tally.addPage([withMfa('X')]);
    tally.addPage([noMfa('N'), withMfa('M')]);
    // N is caught (kept in the no-MFA list); M fell out of a one-page window: the documented trade-off.
    expect(tally.duplicates).toBe(1);
    expect(tally.totals.users).toBe(4);
  });

  it('ignores entries without a user_id', () => {
    const tally = new CoverageTally({ nowMs: NOW });
    expect(tally.addPage([{ user_id: '', username: 'x' }, null as never, withMfa('A')])).toBe(1);
  });

  it('counts a bypass code listed twice once', () => {
    const index = new BypassRiskIndex(NOW);
    const code = { bypass_code_id: 'B1', expiration: null, reuse_count: null, user: { user_id: 'U' } };
    index.add(code);
    index.add(code);
    expect(index.get('U')).toEqual({ neverExpiring: 1, unlimitedReuse: 1 });
  });
});

describe('fleetTotals', () => {
  it('sums scanned accounts and counts failed ones', () => {
    const tally = (users: CoverageUser[]) => {
      const t = new CoverageTally({ nowMs: NOW });
      t.addPage(users);
      return t.totals;
    };
    const task = (id: string) => ({ account_id: id, name: id, api_hostname: `${id}.example` });
    const ok = (id: string, users: CoverageUser[]): AccountOutcome => ({
      status: 'ok',
      task: task(id),
      coverage: { counts: tally(users) } as never,
    });
    const totals = fleetTotals([
      ok('A', [withMfa('1'), noMfa('2')]),
      { status: 'failed', task: task('B'), error: { kind: 'DuoForbiddenError', message: 'no', status: 403, code: 40301 } },
      ok('C', [withMfa('3'), withMfa('4')]),
    ]);
    expect(totals).toMatchObject({ accounts: 3, accountsScanned: 2, accountsFailed: 1 });
    expect(totals.counts).toMatchObject({ users: 4, mfa: 3, noMfa: 1 });
    expect(totals.percentages).toMatchObject({ mfa: 75, noMfa: 25 });
  });
});

describe('runBounded', () => {
  it('never runs more than the limit at once and runs every item', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await runBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      done.push(n);
      running -= 1;
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops starting items once aborted and rejects with the reason', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = runBounded([1, 2, 3, 4], 1, async (n) => {
      started.push(n);
      if (n === 2) controller.abort(new Error('stop'));
    }, controller.signal);
    await expect(run).rejects.toThrow('stop');
    expect(started).toEqual([1, 2]);
  });
});
