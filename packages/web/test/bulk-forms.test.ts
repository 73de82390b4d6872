import { describe, expect, it } from 'vitest';
import { approvalNote } from '../src/pages/bulk/approval-note.js';
import { itemStatusBadge, runStatusBadge } from '../src/pages/bulk/bulk-badges.js';
import type { BulkCounts, BulkRunView } from '../src/pages/bulk/bulk-types.js';
import { enrollmentRunBody } from '../src/pages/bulk/enrollment-run-body.js';
import { inputText, outcomeText } from '../src/pages/bulk/item-text.js';
import { EMPTY_NEW_RUN, newRunBody, uniqueNames, type NewRunForm } from '../src/pages/bulk/new-run-body.js';
import { runProgress } from '../src/pages/bulk/run-progress.js';
import { nameList, runConfirmLabel, runQuestion } from '../src/pages/bulk/run-question.js';

const counts = (c: Partial<BulkCounts>): BulkCounts => ({ total: 0, pending: 0, calling: 0, done: 0, skipped: 0, failed: 0, review: 0, cancelled: 0, ...c });
const form = (f: Partial<NewRunForm>): NewRunForm => ({ ...EMPTY_NEW_RUN, actionId: 'users.enroll', ...f });

describe('newRunBody: the form as a POST /api/bulk-runs body', () => {
  it.each<[string, Partial<NewRunForm>, Record<string, unknown>, unknown]>([
    ['every organization, no users', {}, {}, { action_id: 'users.enroll', organizations: { all: true }, requires_approval: true }],
    ['picked organizations', { organizationMode: 'pick', organizationIds: ['o1', 'o2'] }, {}, { organizations: { ids: ['o1', 'o2'] } }],
    ['tags lower-cased and deduplicated, commas or spaces', { organizationMode: 'tags', tags: 'Clinic, east  clinic' }, {}, { organizations: { tags: ['clinic', 'east'] } }],
    ['a trimmed name pattern', { organizationMode: 'pattern', namePattern: ' Acme* ' }, {}, { organizations: { name_pattern: 'Acme*' } }],
    ['a users query', { userMode: 'query', userQuery: 'locked_out' }, {}, { users: { query: 'locked_out' } }],
    ['inactive users with days', { userMode: 'query', userQuery: 'inactive', inactiveDays: '30' }, {}, { users: { query: 'inactive', inactive_days: 30 } }],
    ['pasted names split on lines, commas and spaces, repeats dropped', { userMode: 'list', usernames: 'ann\nbob, Ann  cy@x.example' }, {}, { users: { usernames: ['ann', 'bob', 'cy@x.example'] } }],
    ['the title trimmed and the input kept', { title: ' Spring clean ', requiresApproval: false }, { valid_secs: 60 }, { title: 'Spring clean', input: { valid_secs: 60 }, requires_approval: false }],
  ])('%s', (_name, f, input, expected) => {
    const { body, issues } = newRunBody(form(f), input);
    expect(issues).toEqual({});
    expect(body).toMatchObject(expected as object);
  });

  it.each<[string, Partial<NewRunForm>, string]>([
    ['no action', { actionId: '' }, 'action'],
    ['pick with none picked', { organizationMode: 'pick' }, 'organizations'],
    ['tags left empty', { organizationMode: 'tags', tags: ' , ' }, 'tags'],
    ['no pattern', { organizationMode: 'pattern', namePattern: '  ' }, 'name_pattern'],
    ['inactive days not a number', { userMode: 'query', userQuery: 'inactive', inactiveDays: '3.5' }, 'inactive_days'],
    ['inactive days zero', { userMode: 'query', userQuery: 'inactive', inactiveDays: '0' }, 'inactive_days'],
    ['an empty list', { userMode: 'list', usernames: ' \n, ' }, 'usernames'],
  ])('refuses %s', (_name, f, field) => {
    const { body, issues } = newRunBody(form(f), {});
    expect(body).toBeNull();
    expect(Object.keys(issues)).toEqual([field]);
  });

  it('a run without users sends no users key and no empty input', () => {
    const { body } = newRunBody(form({}), {});
    expect(body && 'users' in body).toBe(false);
    expect(body && 'input' in body).toBe(false);
  });
  it('uniqueNames keeps the first spelling', () => expect(uniqueNames(['Ann', ' ann ', '', 'Bob'])).toEqual(['Ann', 'Bob']));
});

describe('enrollmentRunBody: exactly the users on screen, in one organization', () => {
  it('names the organization by id and lists the usernames, approval required', () => {
    expect(enrollmentRunBody({ id: 'org_1', name: 'Acme LLC' }, ['ann', 'bob'])).toEqual({
      action_id: 'users.enroll',
      title: 'Enrollment for 2 users without MFA in Acme LLC',
      organizations: { ids: ['org_1'] },
      users: { usernames: ['ann', 'bob'] },
      requires_approval: true,
    });
  });
  it('one user reads as one', () => expect(enrollmentRunBody({ id: 'o', name: 'X' }, ['ann']).title).toBe('Enrollment for 1 user without MFA in X'));
});

describe('runProgress: from the counters', () => {
  it.each<[string, BulkRunView['status'], Partial<BulkCounts>, { ended: number; percent: number; moving: boolean; pollMs: number | null }]>([
    ['planned: nothing moves', 'planned', { total: 4, pending: 4 }, { ended: 0, percent: 0, moving: false, pollMs: null }],
    ['running: polled every second', 'running', { total: 3, done: 1, failed: 1, pending: 1 }, { ended: 2, percent: 66, moving: true, pollMs: 1000 }],
    ['queued', 'queued', { total: 2, pending: 2 }, { ended: 0, percent: 0, moving: true, pollMs: 1000 }],
    ['paused: polled slowly', 'paused', { total: 4, done: 1, pending: 3 }, { ended: 1, percent: 25, moving: false, pollMs: 5000 }],
    ['completed: every final status counts', 'completed', { total: 5, done: 1, skipped: 1, failed: 1, review: 1, cancelled: 1 }, { ended: 5, percent: 100, moving: false, pollMs: null }],
    ['a run without items is complete', 'completed', { total: 0 }, { ended: 0, percent: 100, moving: false, pollMs: null }],
    ['calling is not finished', 'running', { total: 2, calling: 1, done: 1 }, { ended: 1, percent: 50, moving: true, pollMs: 1000 }],
    ['cancelled with calls still under way: polled until they end', 'cancelled', { total: 6, calling: 4, cancelled: 2 }, { ended: 2, percent: 33, moving: false, pollMs: 1000 }],
    ['paused with a call under way', 'paused', { total: 2, calling: 1, pending: 1 }, { ended: 0, percent: 0, moving: false, pollMs: 1000 }],
    ['cancelled and settled', 'cancelled', { total: 6, done: 4, cancelled: 2 }, { ended: 6, percent: 100, moving: false, pollMs: null }],
  ])('%s', (_name, status, c, expected) => expect(runProgress(status, counts(c))).toMatchObject(expected));
});

describe('runQuestion: names what runs and where', () => {
  const org = (name: string, items: number) => ({ organization_id: name, name, items, done: 0, skipped: 0, failed: 0, review: 0, cancelled: 0, status: 'pending' });
  it('one organization', () =>
    expect(runQuestion({ action_id: 'users.enroll', counts: counts({ total: 11 }), plan: { by_action: [], by_organization: [org('Acme LLC', 11)] } })).toBe('Make 11 users.enroll calls in Acme LLC?'));
  it('one call', () =>
    expect(runQuestion({ action_id: 'users.enroll', counts: counts({ total: 1 }), plan: { by_action: [], by_organization: [org('Acme LLC', 1)] } })).toBe('Make 1 users.enroll call in Acme LLC?'));
  it('several actions of a baseline', () =>
    expect(runQuestion({ action_id: null, counts: counts({ total: 2 }), plan: { by_action: [{ action_id: 'a.x', items: 1 }, { action_id: 'b.y', items: 1 }], by_organization: [org('A', 1), org('B', 1)] } })).toBe('Make 2 a.x, b.y calls in A and B?'));
  it.each<[string[], string]>([
    [[], 'no organization'],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
    [['A', 'B', 'C', 'D'], 'A, B, C and 1 more organization'],
    [['A', 'B', 'C', 'D', 'E'], 'A, B, C and 2 more organizations'],
  ])('nameList %j', (names, text) => expect(nameList(names)).toBe(text));
  it('confirm label', () => expect([runConfirmLabel(1), runConfirmLabel(11)]).toEqual(['Yes, make 1 call', 'Yes, make 11 calls']));
});

describe('approvalNote', () => {
  const run: Parameters<typeof approvalNote>[0] = { requires_approval: true, approved: false, approved_by: null, created_by: 'tok_a', status: 'planned' };
  it.each<[string, Partial<typeof run>, { token_id: string | null; scopes: string[] }, unknown]>([
    ['not required', { requires_approval: false }, { token_id: 'tok_b', scopes: ['read'] }, { kind: 'none' }],
    ['already approved', { approved: true, approved_by: 'tok_b' }, { token_id: 'tok_a', scopes: ['operate'] }, { kind: 'approved', text: 'Approved by token tok_b.' }],
    ['the creator may not approve', {}, { token_id: 'tok_a', scopes: ['read', 'operate', 'admin'] }, { kind: 'waiting', mayApprove: false }],
    ['operate alone may not approve', {}, { token_id: 'tok_b', scopes: ['read', 'operate'] }, { kind: 'waiting', mayApprove: false }],
    ['the approve scope may', {}, { token_id: 'tok_b', scopes: ['read', 'operate', 'approve'] }, { kind: 'waiting', mayApprove: true }],
    ['admin implies approve', {}, { token_id: 'tok_b', scopes: ['read', 'operate', 'admin'] }, { kind: 'waiting', mayApprove: true }],
    ['a cancelled run waits for nothing', { status: 'cancelled' }, { token_id: 'tok_b', scopes: ['admin'] }, { kind: 'none' }],
  ])('%s', (_name, patch, viewer, expected) => expect(approvalNote({ ...run, ...patch }, viewer)).toMatchObject(expected as object));
});

describe('badges and item text', () => {
  it.each([
    ['completed', 'ok'],
    ['cancelled', 'bad'],
    ['running', 'warn'],
    ['planned', 'neutral'],
    ['something-new', 'neutral'],
  ])('run %s is %s', (status, tone) => expect(runStatusBadge(status).tone).toBe(tone));
  it.each([
    ['done', 'done', 'ok'],
    ['failed', 'failed', 'bad'],
    ['review', 'needs review', 'warn'],
    ['pending', 'pending', 'neutral'],
  ])('item %s reads %s (%s)', (status, text, tone) => expect(itemStatusBadge(status)).toEqual({ text, tone }));
  it('input in one line', () => expect(inputText({ username: 'ann', email: 'ann@x.example', valid_secs: 60 })).toBe('username=ann, email=ann@x.example, valid_secs=60'));
  it.each<[string, Parameters<typeof outcomeText>[0], string]>([
    ['no outcome yet', { status: 'pending', outcome: null }, ''],
    ['a Duo refusal with its codes', { status: 'failed', outcome: { message: 'Invalid request parameters', duo_code: 40002, http_status: 400 } }, 'Invalid request parameters (Duo 40002, HTTP 400)'],
    ['a success summary', { status: 'done', outcome: { summary: 'Enrollment email sent', http_status: 200 } }, 'Enrollment email sent'],
    ['a code that repeats the status is left out', { status: 'cancelled', outcome: { code: 'cancelled', message: 'The run was cancelled before this item was called.' } }, 'The run was cancelled before this item was called.'],
    ['a hub code that adds something is kept', { status: 'failed', outcome: { code: 'duo_error', message: 'Nope' } }, 'Nope (duo_error)'],
    ['reconciled after a restart', { status: 'done', outcome: { summary: 'already enrolled', reconciled: true } }, 'already enrolled — confirmed by reading back after a restart'],
  ])('outcome: %s', (_name, item, text) => expect(outcomeText(item)).toBe(text));
});
