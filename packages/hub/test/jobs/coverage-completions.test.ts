import { describe, expect, it } from 'vitest';
import type { Completion, CompletionResult } from '../../src/jobs/mfa-coverage/complete-coverage-task.js';
import { CoverageCompletions, MAX_COMPLETION_BATCH } from '../../src/jobs/mfa-coverage/coverage-completions.js';
import type { AccountOutcome } from '../../src/reports/mfa-coverage/index.js';

const hub = {} as never;
const completion = (accountId: string): Completion => ({
  key: { runId: 'run_1', accountId },
  outcome: { status: 'failed', task: { account_id: accountId, name: accountId, api_hostname: 'api-x.duosecurity.com' }, error: { kind: 'x', message: 'x' } } as AccountOutcome,
  processedBy: 'r1',
});
const turn = () => new Promise((r) => setImmediate(r));

/** A writer that records its batches and answers each completion with its account id in `written`. */
function recorder(fail?: (batch: readonly Completion[]) => boolean) {
  const batches: string[][] = [];
  const write = async (_hub: unknown, batch: readonly Completion[]): Promise<CompletionResult[]> => {
    batches.push(batch.map((c) => c.key.accountId));
    await turn();
    if (fail?.(batch)) throw new Error('store down');
    return batch.map((c) => ({ written: c.key.accountId !== 'dup', finalized: false }));
  };
  return { batches, write };
}

describe('CoverageCompletions', () => {
  it('writes the completions of one turn in one batch, each answered with its own result', async () => {
    const { batches, write } = recorder();
    const completions = new CoverageCompletions(hub, write);
    const results = await Promise.all(['a', 'dup', 'c'].map((a) => completions.complete(completion(a))));
    expect(batches).toEqual([['a', 'dup', 'c']]);
    expect(results.map((r) => r.written)).toEqual([true, false, true]);
  });

  it('writes what ends while a batch is being written in the next batch, one batch at a time', async () => {
    const { batches, write } = recorder();
    const completions = new CoverageCompletions(hub, write);
    const first = completions.complete(completion('a'));
    await turn(); // the first batch is being written
    const later = [completions.complete(completion('b')), completions.complete(completion('c'))];
    await Promise.all([first, ...later]);
    expect(batches).toEqual([['a'], ['b', 'c']]);
    // Idle again: the next completion is written on its own turn.
    await completions.complete(completion('d'));
    expect(batches.at(-1)).toEqual(['d']);
  });

  it('splits a large turn into bounded batches, and a failed batch fails only its own completions', async () => {
    const { batches, write } = recorder((batch) => batch.some((c) => c.key.accountId === 'x0'));
    const completions = new CoverageCompletions(hub, write);
    const ids = Array.from({ length: MAX_COMPLETION_BATCH + 5 }, (_, i) => (i < MAX_COMPLETION_BATCH ? `x${i}` : `y${i}`));
    const settled = await Promise.allSettled(ids.map((a) => completions.complete(completion(a))));
    expect(batches.map((b) => b.length)).toEqual([MAX_COMPLETION_BATCH, 5]);
    expect(settled.slice(0, MAX_COMPLETION_BATCH).every((s) => s.status === 'rejected')).toBe(true);
    expect(settled.slice(MAX_COMPLETION_BATCH).every((s) => s.status === 'fulfilled')).toBe(true);
  });
});
