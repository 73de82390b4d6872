import { describe, expect, it } from 'vitest';
import type { CoverageRun } from '../src/pages/coverage/coverage-api.js';
import { runSummary } from '../src/pages/coverage/run-summary.js';

const run = (status: CoverageRun['status'], progress: Partial<CoverageRun['progress']> = {}, error: CoverageRun['error'] = null): CoverageRun => ({
  id: 'cov_1',
  integration_id: 'int_1',
  status,
  trigger: 'api',
  as_of: '2026-01-01T00:00:00.000Z',
  created_at: '2026-01-01T00:00:00.000Z',
  started_at: null,
  finished_at: null,
  progress: { accounts_total: 3, accounts_done: 0, accounts_failed: 0, users_seen: 0, ...progress },
  error,
});

describe('runSummary', () => {
  const cases: Array<[string, CoverageRun, Partial<ReturnType<typeof runSummary>>]> = [
    ['queued', run('queued'), { active: true, tone: 'progress', headline: 'Run queued: waiting for a worker.', done: 0, total: 3, detail: '0 of 3 accounts done, 0 users seen' }],
    [
      'running with one failed account so far',
      run('running', { accounts_done: 2, accounts_failed: 1, users_seen: 1, accounts_total: 3 }),
      { active: true, tone: 'progress', headline: 'Run in progress.', done: 2, total: 3, detail: '2 of 3 accounts done (1 failed), 1 user seen' },
    ],
    ['done', run('done', { accounts_done: 3, users_seen: 1500 }), { active: false, tone: 'ok', headline: 'Run finished.', detail: '3 of 3 accounts done, 1,500 users seen' }],
    [
      'done but partial',
      run('done', { accounts_done: 3, accounts_failed: 1, users_seen: 90 }),
      { active: false, tone: 'warning', headline: 'Partial result: 1 account could not be scanned; its coverage is missing from this snapshot, not zero.' },
    ],
    [
      'done, several failed',
      run('done', { accounts_done: 3, accounts_failed: 2, users_seen: 40 }),
      { tone: 'warning', headline: 'Partial result: 2 accounts could not be scanned; their coverage is missing from this snapshot, not zero.' },
    ],
    [
      'failed',
      run('failed', { accounts_done: 3, accounts_failed: 3 }, { code: 'all_accounts_failed', message: 'No account of the run could be scanned.' }),
      { active: false, tone: 'error', headline: 'Run failed: No account of the run could be scanned.', detail: '3 of 3 accounts done (3 failed), 0 users seen. No snapshot was taken.' },
    ],
    ['failed without an error body', run('failed'), { headline: 'Run failed: no account could be scanned.' }],
    ['cancelled', run('cancelled', { accounts_done: 1, users_seen: 12 }), { active: false, tone: 'warning', headline: 'Run cancelled. No snapshot was taken.', detail: '1 of 3 accounts done, 12 users seen' }],
    ['one account', run('running', { accounts_total: 1 }), { detail: '0 of 1 account done, 0 users seen' }],
  ];
  for (const [name, input, expected] of cases) it(name, () => expect(runSummary(input)).toMatchObject(expected));
});
