import { describe, expect, it } from 'vitest';
import { snapshotColumns, storeOutcome } from '../../src/jobs/mfa-coverage/stored-outcome.js';
import { coveragePercentages, emptyCounts, type AccountCoverage, type AccountOutcome } from '../../src/reports/mfa-coverage/index.js';

const task = { account_id: 'DA1', name: 'Acme', api_hostname: 'api-1.example' };
const counts = { ...emptyCounts(), users: 2, mfa: 1, noMfa: 1 };
const coverage = (mfaUserIds?: string[]): AccountCoverage => ({
  account: { account_id: 'DA1', name: 'Acme', api_hostname: 'api-1.example' },
  asOf: '2026-12-07T00:00:00.000Z',
  counts,
  percentages: coveragePercentages(counts),
  usersWithoutMfa: [{ user_id: 'DU2', username: 'bo', email: null, status: 'active', last_login: null, riskyBypass: false }],
  scan: { userPages: 1, bypassCodePages: 1, bypassCodes: 0, duoTotalUsers: 2, duplicatesDropped: 0, consistent: true },
  ...(mfaUserIds ? { mfaUserIds } : {}),
});

describe('storeOutcome', () => {
  it.each([
    ['with the MFA ids', ['DU1'], '["DU1"]'],
    ['without them', undefined, null],
  ] as const)('a scanned account %s: its lists leave the result for the snapshot columns, as the snapshot keeps them', (_name, ids, idsColumn) => {
    const outcome: AccountOutcome = { status: 'ok', task, coverage: coverage(ids ? [...ids] : undefined) };
    const stored = storeOutcome(outcome);
    const { usersWithoutMfa: _u, mfaUserIds: _m, ...slim } = outcome.coverage;
    expect(JSON.parse(stored.result)).toEqual({ status: 'ok', task, coverage: slim });
    expect({ coverage: stored.coverage, users_without_mfa: stored.users_without_mfa, mfa_user_ids: stored.mfa_user_ids }).toEqual(snapshotColumns(outcome.coverage));
    // The figures apart from the list (migration 0015): a report of the figures alone parses no list.
    expect(JSON.parse(stored.coverage!)).toEqual({ counts: slim.counts, percentages: slim.percentages, scan: slim.scan });
    expect(JSON.parse(stored.users_without_mfa!)).toEqual(outcome.coverage.usersWithoutMfa);
    expect(stored.mfa_user_ids).toBe(idsColumn);
  });

  it('a failed account keeps its whole outcome in the result, and no parts', () => {
    const outcome: AccountOutcome = { status: 'failed', task, error: { kind: 'DuoServerError', message: 'Duo answered 500', status: 500 } };
    expect(storeOutcome(outcome)).toEqual({ result: JSON.stringify(outcome), coverage: null, users_without_mfa: null, mfa_user_ids: null });
  });
});
