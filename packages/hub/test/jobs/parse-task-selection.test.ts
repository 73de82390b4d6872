import { describe, expect, it } from 'vitest';
import { parseTaskSelection, selectsStatus } from '../../src/jobs/mfa-coverage/parse-task-selection.js';

describe('parseTaskSelection (the tasks= of a run read)', () => {
  it.each([
    ['all', 'all'],
    ['none', 'none'],
    [' none ', 'none'],
    ['failed', ['failed']],
    ['running,failed', ['running', 'failed']],
    // Declared order, each once: equal selections read the same.
    ['failed, running,failed', ['running', 'failed']],
    ['cancelled,pending,done', ['pending', 'done', 'cancelled']],
  ] as const)('%j -> %j', (text, value) => {
    expect(parseTaskSelection(text)).toEqual({ ok: true, value });
  });

  it.each(['some', 'running,', ',', '', 'FAILED', 'all,failed', 'running;failed'])('refuses %j, naming what it did not know and what it takes', (text) => {
    const parsed = parseTaskSelection(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('give all, none, or statuses among pending, running, done, failed, cancelled');
  });

  it('selectsStatus says whether a selection lists a status', () => {
    expect(selectsStatus('all', 'running')).toBe(true);
    expect(selectsStatus('none', 'running')).toBe(false);
    expect(selectsStatus(['failed'], 'running')).toBe(false);
    expect(selectsStatus(['running', 'failed'], 'running')).toBe(true);
  });
});
