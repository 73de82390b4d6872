import { describe, expect, it } from 'vitest';
import { decidePasscodeAllowance } from '../../src/mfa/decide-passcode-allowance.js';
import type { PastAttempt } from '../../src/mfa/decide-push-allowance.js';
import { verificationAuditOutcome } from '../../src/mfa/verification-audit-outcome.js';
import type { VerifyOutcome } from '../../src/mfa/map-auth-status.js';

const NOW = 1_000_000_000;
const at = (secondsAgo: number, outcome: string, factor: string | null = 'passcode'): PastAttempt => ({
  factor,
  outcome,
  startedAtMs: NOW - secondsAgo * 1000,
  finishedAtMs: NOW - secondsAgo * 1000 + 500,
});
const policy = { limit: 3, windowSeconds: 600 };

describe('decidePasscodeAllowance', () => {
  it.each([
    ['no history', [], { allowed: true }],
    ['two wrong guesses', [at(10, 'denied'), at(20, 'denied')], { allowed: true }],
    ['three wrong guesses: the oldest frees a slot when it leaves the window', [at(10, 'denied'), at(20, 'denied'), at(100, 'denied')], { allowed: false, retryAfterSeconds: 500, limit: 3, windowSeconds: 600 }],
    ['a pending guess counts (parallel guesses cannot slip through)', [at(1, 'pending'), at(2, 'denied'), at(3, 'denied')], { allowed: false, retryAfterSeconds: 597, limit: 3, windowSeconds: 600 }],
    ['right passcodes do not count', [at(1, 'approved'), at(2, 'approved'), at(3, 'denied'), at(4, 'denied')], { allowed: true }],
    ['attempts that never reached Duo do not count', [at(1, 'rate_limited'), at(2, 'unknown_user'), at(3, 'error'), at(4, 'denied')], { allowed: true }],
    ['pushes do not count against passcodes', [at(1, 'denied', 'push'), at(2, 'denied', 'push'), at(3, 'denied', 'push')], { allowed: true }],
    ['guesses older than the window do not count', [at(601, 'denied'), at(700, 'denied'), at(5, 'denied'), at(6, 'denied')], { allowed: true }],
    ['at least one second to wait', [at(599.9, 'denied'), at(2, 'denied'), at(3, 'denied')], { allowed: false, retryAfterSeconds: 1, limit: 3, windowSeconds: 600 }],
  ] as const)('%s', (_name, history, expected) => {
    expect(decidePasscodeAllowance(history as readonly PastAttempt[], NOW, policy)).toEqual(expected);
  });
});

describe('verificationAuditOutcome', () => {
  it.each<[VerifyOutcome, boolean, string]>([
    ['approved', true, 'success'],
    ['allowed', true, 'success'],
    ['approved', false, 'success'],
    ['denied', true, 'failure'],
    ['timed_out', true, 'failure'], // Duo said the push timed out: a definite no
    ['timed_out', false, 'unknown'], // the hub stopped waiting: the user may still answer
    ['error', false, 'unknown'], // sent, then auth_status failed or the send timed out
    ['error', true, 'failure'],
    ['enroll', true, 'failure'],
    ['unknown_user', true, 'failure'],
    ['rate_limited', true, 'failure'],
  ])('%s (settled %s) -> %s', (outcome, settled, expected) => {
    expect(verificationAuditOutcome(outcome, settled)).toBe(expected);
  });
});
