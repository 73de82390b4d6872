import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY,
  DuoAuthenticationError,
  DuoConfigError,
  DuoConnectionError,
  DuoForbiddenError,
  DuoInvalidRequestError,
  DuoNotFoundError,
  DuoRateLimitError,
  DuoServerError,
  DuoTimeoutError,
  parseRetryAfter,
  retryAfterDelay,
  type ConnectionFailure,
} from '../../src/index.js';

const conn = (failure: ConnectionFailure, sent: boolean) => new DuoConnectionError('x', { failure, sent });
const timeout = (sent: boolean) => new DuoTimeoutError('x', { timeoutMs: 1, sent });

describe('decideRetry', () => {
  it.each([
    // [error, idempotent, retry?, reason]
    ['429 on a POST', new DuoRateLimitError('x', { status: 429, code: 42901 }), false, true, 'rate_limited'],
    ['429 on a GET', new DuoRateLimitError('x', { status: 429 }), true, true, 'rate_limited'],
    ['500 on a GET', new DuoServerError('x', { status: 500 }), true, true, 'server_error'],
    ['503 on a push', new DuoServerError('x', { status: 503 }), false, false, undefined],
    ['reset on a GET', conn('reset', true), true, true, 'connection'],
    ['reset on a create', conn('reset', true), false, false, undefined],
    ['refused on a create: never sent', conn('refused', false), false, true, 'not_sent'],
    ['dns failure on a push: never sent', conn('dns', false), false, true, 'not_sent'],
    ['TLS failure: repeats identically', conn('tls', false), true, false, undefined],
    ['proxy refusal', conn('proxy', false), true, false, undefined],
    ['caller abort', conn('aborted', true), true, false, undefined],
    ['timeout after connect on a GET', timeout(true), true, true, 'timeout'],
    ['timeout after connect on an SMS send', timeout(true), false, false, undefined],
    ['connect timeout on an SMS send', timeout(false), false, true, 'not_sent'],
    ['401', new DuoAuthenticationError('x', { status: 401, code: 40103 }), true, false, undefined],
    ['403', new DuoForbiddenError('x', { status: 403 }), true, false, undefined],
    ['404', new DuoNotFoundError('x', { status: 404 }), true, false, undefined],
    ['400', new DuoInvalidRequestError('x', { status: 400 }), true, false, undefined],
    ['config error', new DuoConfigError('ikey', 'x'), true, false, undefined],
    ['a foreign error', new TypeError('boom'), true, false, undefined],
  ] as const)('%s', (_name, error, idempotent, retry, reason) => {
    const decision = decideRetry(error, idempotent);
    expect(decision.retry).toBe(retry);
    if (reason) expect(decision.reason).toBe(reason);
  });
});

describe('backoffDelay', () => {
  it("follows Duo's schedule: 1, 2, 4, 8, 16, 32, 32 s plus jitter", () => {
    const schedule = [0, 1, 2, 3, 4, 5, 6].map((i) => backoffDelay(i, DEFAULT_RETRY, () => 0));
    expect(schedule).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 32000]);
  });

  it.each([
    [0, 0.5, 1500],
    [0, 0.999, 1999],
    [3, 0.25, 8250],
    [10, 0.1, 32100],
  ])('retry %i with random %f waits %i ms', (index, r, expected) => {
    expect(backoffDelay(index, DEFAULT_RETRY, () => r)).toBe(expected);
  });

  it('honours custom growth and caps', () => {
    const opts = { initialDelayMs: 10, factor: 3, maxDelayMs: 100, jitterMs: 0 };
    expect([0, 1, 2, 3].map((i) => backoffDelay(i, opts, () => 0.7))).toEqual([10, 30, 90, 100]);
  });

  it('adds jitter on top of Retry-After', () => {
    expect(retryAfterDelay(5000, { jitterMs: 1000 }, () => 0.25)).toBe(5250);
    expect(retryAfterDelay(0, { jitterMs: 0 }, () => 0.9)).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  it.each([
    ['delta seconds', '5', 5000],
    ['zero', '0', 0],
    ['decimal seconds', '1.5', 1500],
    ['padded', ' 7 ', 7000],
    ['HTTP date in the future', 'Sun, 22 Nov 2026 12:00:30 GMT', 30000],
    ['HTTP date in the past', 'Sun, 22 Nov 2026 11:59:00 GMT', 0],
    ['negative', '-5', undefined],
    ['garbage', 'soon', undefined],
    ['empty', '', undefined],
    ['absent', undefined, undefined],
  ] as const)('%s', (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
