import { describe, expect, it } from 'vitest';
import { HubError } from '../../src/errors/hub-error.js';
import { mapDuoError } from '../../src/actions/map-duo-error.js';
import { summarizeOutput } from '../../src/bulk/bulk-item-outcome.js';
import { classifyItemFailure, type ItemFailureKind } from '../../src/bulk/classify-item-failure.js';
import { pickNextItem } from '../../src/bulk/pick-next-item.js';
import { decideItemStep, type ItemActionTraits, type ItemSituation, type ItemStep } from '../../src/bulk/decide-item-step.js';

const idem: ItemActionTraits = { idempotent: true, destructive: false, canReconcile: false };
const idemDestructive: ItemActionTraits = { idempotent: true, destructive: true, canReconcile: false };
const create: ItemActionTraits = { idempotent: false, destructive: false, canReconcile: true }; // users.create
const enroll: ItemActionTraits = { idempotent: false, destructive: false, canReconcile: false }; // users.enroll

const call: ItemStep = { do: 'call' };
const later: ItemStep = { do: 'call_later' };
const reconcile: ItemStep = { do: 'reconcile' };
const fin = (status: 'done' | 'skipped' | 'failed' | 'review'): ItemStep => ({ do: 'finish', status });
const failed = (kind: ItemFailureKind, attemptsLeft = true): ItemSituation => ({ at: 'failed', kind, attemptsLeft });

describe('decideItemStep: item state x failure kind x idempotency x reconcile result -> next step', () => {
  const table: Array<[string, ItemSituation, ItemActionTraits, ItemStep]> = [
    ['pending item: call', { at: 'found', status: 'pending' }, enroll, call],
    ['calling after a crash, idempotent: call again', { at: 'found', status: 'calling' }, idem, call],
    ['calling after a crash, non-idempotent with reconcile: read back', { at: 'found', status: 'calling' }, create, reconcile],
    ['calling after a crash, non-idempotent without reconcile: review', { at: 'found', status: 'calling' }, enroll, fin('review')],
    ['429, non-idempotent: Duo did nothing, call later', failed('rate_limited'), enroll, later],
    ['429 with no attempts left: failed', failed('rate_limited', false), enroll, fin('failed')],
    ['not sent, non-idempotent: call later', failed('not_sent'), enroll, later],
    ['ambiguous, idempotent: call again', failed('ambiguous'), idem, call],
    ['ambiguous, idempotent, no attempts left: failed', failed('ambiguous', false), idem, fin('failed')],
    ['ambiguous, non-idempotent with reconcile: read back', failed('ambiguous'), create, reconcile],
    ['ambiguous, non-idempotent with reconcile, no attempts left: still read back (never failed blind)', failed('ambiguous', false), create, reconcile],
    ['ambiguous, non-idempotent without reconcile: review', failed('ambiguous'), enroll, fin('review')],
    ['404 on a destructive action: skipped', failed('not_found'), idemDestructive, fin('skipped')],
    ['404 on a non-destructive action: failed', failed('not_found'), enroll, fin('failed')],
    ['final refusal: failed', failed('final'), create, fin('failed')],
    ['answer unreadable (Duo said OK): done', failed('unreadable'), enroll, fin('done')],
    ['read back applied: done, reconciled', { at: 'reconciled', verdict: 'applied', attemptsLeft: true }, create, { do: 'finish', status: 'done', reconciled: true }],
    ['read back not applied: call again', { at: 'reconciled', verdict: 'not_applied', attemptsLeft: true }, create, call],
    ['read back not applied, no attempts left: failed', { at: 'reconciled', verdict: 'not_applied', attemptsLeft: false }, create, fin('failed')],
    ['read back unknown: review', { at: 'reconciled', verdict: 'unknown', attemptsLeft: true }, create, fin('review')],
  ];
  it.each(table)('%s', (_name, situation, traits, expected) => {
    expect(decideItemStep(situation, traits)).toEqual(expected);
  });

  it('never calls a non-idempotent action again without a read-back saying it was not applied', () => {
    const kinds: ItemFailureKind[] = ['ambiguous', 'unreadable', 'not_found', 'final'];
    for (const traits of [create, enroll]) {
      for (const kind of kinds) for (const attemptsLeft of [true, false]) expect(decideItemStep(failed(kind, attemptsLeft), traits).do).not.toBe('call');
      expect(decideItemStep({ at: 'found', status: 'calling' }, traits).do).not.toBe('call');
    }
  });
});

/** Duo-shaped SDK errors, matched by name as classifyDuoFailure does. */
const sdkError = (name: string, fields: Record<string, unknown>) => Object.assign(new Error('x'), { name, ...fields });

describe('classifyItemFailure over what runAction throws', () => {
  const table: Array<[string, unknown, boolean, ItemFailureKind]> = [
    ['429', sdkError('DuoRateLimitError', { status: 429, code: 42901, message: 'Too Many Requests' }), false, 'rate_limited'],
    ['5xx on a non-idempotent call', sdkError('DuoServerError', { status: 500, code: 50001, message: 'Unknown' }), false, 'ambiguous'],
    ['5xx on an idempotent call', sdkError('DuoServerError', { status: 503, code: 50301, message: 'Unavailable' }), true, 'ambiguous'],
    ['reset after sending', sdkError('DuoConnectionError', { sent: true }), false, 'ambiguous'],
    ['timeout after sending', sdkError('DuoTimeoutError', { sent: true }), false, 'ambiguous'],
    ['connection refused (never sent)', sdkError('DuoConnectionError', { sent: false }), false, 'not_sent'],
    ["Duo's 404", sdkError('DuoNotFoundError', { status: 404, code: 40401, message: 'Resource not found' }), true, 'not_found'],
    ["Duo's 400", sdkError('DuoBadRequestError', { status: 400, code: 40002, message: 'Invalid request parameters' }), false, 'final'],
    ["Duo's 403", sdkError('DuoForbiddenError', { status: 403, code: 40301, message: 'Access forbidden' }), false, 'final'],
    ['an answer not from Duo (non-idempotent)', sdkError('DuoError', { status: 502 }), false, 'ambiguous'],
  ];
  it.each(table)('%s', (_name, error, idempotent, kind) => {
    const mapped = mapDuoError(error, idempotent);
    expect(mapped).toBeInstanceOf(HubError);
    expect(classifyItemFailure(mapped)).toBe(kind);
  });

  it("the hub's own errors: its not_found (organization gone) and missing credentials are final; a bug is ambiguous", () => {
    expect(classifyItemFailure(new HubError('not_found', { message: 'gone' }))).toBe('final');
    expect(classifyItemFailure(new HubError('credentials_missing'))).toBe('final');
    expect(classifyItemFailure(new HubError('duo_error', { details: [{ in: 'output', field: 'x', message: 'bad' }] }))).toBe('unreadable');
    expect(classifyItemFailure(new TypeError('boom'))).toBe('ambiguous');
  });
});

describe('summarizeOutput keeps identifying fields only', () => {
  it('drops codes, links and keys', () => {
    expect(summarizeOutput({ user_id: 'DU1', username: 'ann', codes: ['123456'], activation_url: 'https://x', secret_key: 's' })).toBe('user_id=DU1 username=ann');
    expect(summarizeOutput(['123456'])).toBeUndefined();
    expect(summarizeOutput('123456')).toBeUndefined();
  });
});

describe('pickNextItem: several items of one organization at once, never two on one target', () => {
  const item = (seq: number, target: string | null, targetId: string | null = null) => ({ seq, target, target_id: targetId });
  const list = [item(1, 'ann', 'DU1'), item(2, 'bob', 'DU2'), item(3, 'ann', 'DU1'), item(4, null), item(5, 'cy')];
  it.each([
    ['nothing under way: the first', [], [], 1],
    ['the first under way: the next target', [1], ['DU1'], 2],
    ["a busy target's later item waits; the next free one goes", [1, 2], ['DU1', 'DU2'], 4],
    ['items without a target are independent', [1, 2, 4], ['DU1', 'DU2', '#4'], 5],
    ['every candidate under way or waiting on its target: none', [1, 2, 4, 5], ['DU1', 'DU2', '#4', 'cy'], undefined],
  ] as Array<[string, number[], string[], number | undefined]>)('%s', (_name, inFlight, busy, expected) => {
    expect(pickNextItem(list, new Set(inFlight), new Set(busy))?.seq).toBe(expected);
  });
});
