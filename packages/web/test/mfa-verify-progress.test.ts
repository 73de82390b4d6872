import { describe, expect, it } from 'vitest';
import { applyVerifyEvent, INITIAL_PROGRESS, outcomeTone, progressHeadline, type VerifyProgress } from '../src/pages/mfa/verify-progress.js';

type Ev = [string, Record<string, unknown>];
const run = (events: Ev[]): VerifyProgress => events.reduce((p, [t, d]) => applyVerifyEvent(p, t, d), INITIAL_PROGRESS);

const preauth: Ev = ['preauth', { seq: 1, at: 't1', result: 'auth', status_msg: 'Account is active', devices: [{ device: 'DP1' }, { device: 'DP2' }] }];
const sent: Ev = ['sent', { seq: 2, at: 't2', factor: 'push', device: 'auto', push_info: { from: 'vault', ticket: 'INC-1' } }];
const waiting: Ev = ['waiting', { seq: 3, at: 't3', status: 'pushed', status_msg: 'Pushed a login request to your device...' }];
const approved: Ev = ['result', { seq: 4, at: 't4', outcome: 'approved', verified: true, reason: 'Success. Logging you in...' }];

describe('applyVerifyEvent', () => {
  it.each<[string, Ev[], Partial<VerifyProgress>, string]>([
    ['nothing yet', [], { phase: 'starting', outcome: null }, 'Starting…'],
    ['after preauth', [preauth], { phase: 'checking' }, 'Checking the user with Duo…'],
    ['pushed and waiting', [preauth, sent, waiting], { phase: 'waiting', status: 'pushed', outcome: null }, 'Pushed; waiting for the user to answer…'],
    ['approved', [preauth, sent, waiting, approved], { phase: 'done', outcome: 'approved', verified: true, reason: 'Success. Logging you in...' }, 'Approved: the user confirmed it is them.'],
    ['denied is not verified', [preauth, sent, waiting, ['result', { seq: 4, outcome: 'denied', verified: false, reason: 'Login request denied.' }]], { phase: 'done', outcome: 'denied', verified: false }, 'Denied: the user rejected the request (or the passcode was wrong).'],
    ['a phone call waits as calling', [preauth, ['sent', { seq: 2, factor: 'phone', device: 'DP1' }], ['waiting', { seq: 3, status: 'calling' }]], { phase: 'waiting', status: 'calling' }, 'Calling the user; waiting for an answer…'],
    ['enrollment ends at preauth with the portal link', [['preauth', { seq: 1, result: 'enroll', enroll_portal_url: 'https://enroll.example/x' }], ['result', { seq: 2, outcome: 'enroll', verified: false }]],
      { phase: 'done', outcome: 'enroll', enrollUrl: 'https://enroll.example/x' }, 'The user has no device yet and must enroll first.'],
    ['a result without an outcome counts as error', [['result', { seq: 1 }]], { phase: 'done', outcome: 'error', verified: false }, 'The verification failed with an error.'],
    ['an outcome the page does not know is still shown', [['result', { seq: 1, outcome: 'mystery' }]], { outcome: 'mystery' }, 'Finished: mystery'],
  ])('%s', (_name, events, expected, headline) => {
    const p = run(events);
    expect(p).toMatchObject(expected);
    expect(progressHeadline(p)).toBe(headline);
  });

  it('describes each step for the list', () => {
    expect(run([preauth, sent, waiting, approved]).steps.map((s) => s.text)).toEqual([
      'Duo knows the user: 2 devices available.',
      'Push sent to device auto with from=vault, ticket=INC-1.',
      'Waiting (pushed): Pushed a login request to your device...',
      'Result: approved (Success. Logging you in...)',
    ]);
  });

  it('ignores replayed events (same seq) and anything after the result', () => {
    const p = run([preauth, sent, sent, waiting, preauth, approved, ['waiting', { seq: 9, status: 'pushed' }]]);
    expect(p.steps.map((s) => s.seq)).toEqual([1, 2, 3, 4]);
    expect(p.phase).toBe('done');
  });

  it('does not mutate the state it is given', () => {
    const before = run([preauth]);
    const copy = structuredClone(before);
    applyVerifyEvent(before, 'sent', sent[1]);
    expect(before).toEqual(copy);
  });
});

describe('outcomeTone', () => {
  it.each([
    ['approved', 'ok'], ['allowed', 'warn'], ['sms_sent', 'warn'], ['enroll', 'warn'], ['denied', 'error'], ['fraud', 'error'], ['timed_out', 'error'], ['rate_limited', 'error'],
  ] as const)('%s is %s', (outcome, tone) => {
    expect(outcomeTone(outcome)).toBe(tone);
  });
  it('no outcome yet has no tone', () => expect(outcomeTone(null)).toBe('none'));
});
