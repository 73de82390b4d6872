import { describe, expect, it } from 'vitest';
import { Pacer, readyInMs, type PaceKey } from '../../src/index.js';

const key: PaceKey = { host: 'api-0123abcd.duosecurity.com', accountId: 'DA0123', endpointClass: 'admin_get_page' };

describe('readyInMs', () => {
  it.each([
    ['no bucket (unpaced class)', undefined, 0],
    ['tokens left', { tokens: 3, ratePerMinute: 200, pausedUntil: 0, probe: 'off' }, 0],
    ['exactly one token', { tokens: 1, ratePerMinute: 200, pausedUntil: 0, probe: 'off' }, 0],
    ['half a token at 200/min', { tokens: 0.5, ratePerMinute: 200, pausedUntil: 0, probe: 'off' }, 150],
    ['two queued at 100/min', { tokens: -2, ratePerMinute: 100, pausedUntil: 0, probe: 'off' }, 1800],
    ['paused (Retry-After), tokens spent', { tokens: 0, ratePerMinute: 60, pausedUntil: 1500, probe: 'off' }, 1500],
    ['paused with a token', { tokens: 1, ratePerMinute: 60, pausedUntil: 1200, probe: 'off' }, 200],
    ['a pause already over', { tokens: 2, ratePerMinute: 60, pausedUntil: 500, probe: 'off' }, 0],
    ['a rate of zero never refills', { tokens: 0, ratePerMinute: 0, pausedUntil: 0, probe: 'off' }, Number.POSITIVE_INFINITY],
    ['no token, but a probe of the burst would go', { tokens: 0, ratePerMinute: 200, pausedUntil: 0, probe: 'ready' }, 0],
    ['no token, a probe waits for an answer', { tokens: 0, ratePerMinute: 200, pausedUntil: 0, probe: 'pending' }, 300],
  ] as const)('%s', (_name, snapshot, expected) => {
    expect(readyInMs(snapshot, 1000)).toBe(expected);
  });
});

/**
 * A clock that moves only when told, and sleeps that end only when woken (aborted) or when the test
 * ends them: a wait that ends shows who ended it.
 */
function heldClock() {
  let t = Date.UTC(2026, 0, 1);
  const sleeps: Array<{ ms: number; end: () => void }> = [];
  return {
    now: () => t,
    advance: (ms: number) => (t += ms),
    sleeps,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        sleeps.push({ ms, end: resolve });
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  };
}

const settled = (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  return async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return done;
  };
};

describe('Pacer.whenReady', () => {
  it('resolves at once while the bucket holds a token, and takes nothing', async () => {
    const clock = heldClock();
    const pacer = new Pacer({ rates: { admin_get_page: 60 }, burst: { admin_get_page: 2 }, now: clock.now, sleep: clock.sleep });
    await pacer.whenReady(key);
    await pacer.whenReady(key);
    expect(clock.sleeps).toEqual([]);
    expect(pacer.snapshot(key)!.tokens).toBe(2);
  });

  it("wakes on the account's answer, not at the end of its sleep: a probe of an unknown burst may go a round trip later", async () => {
    const clock = heldClock();
    // No burst known: one request, then the next may go beyond it as a probe once its answer has come.
    const pacer = new Pacer({ rates: { admin_get_page: 60 }, now: clock.now, sleep: clock.sleep });
    const first = await pacer.acquire(key);
    const ready = pacer.whenReady(key);
    const isDone = settled(ready);
    expect(await isDone()).toBe(false);
    // It sleeps toward the next token (a second at 60/min), capped at a second.
    expect(clock.sleeps.map((s) => s.ms)).toEqual([1000]);
    expect(pacer.snapshot(key)!.probe).toBe('pending');
    clock.advance(40);
    // An answer for another account does not wake it.
    pacer.onSuccess({ ...key, accountId: 'DA9999' });
    expect(await isDone()).toBe(false);
    pacer.onSuccess(key, first, clock.now());
    expect(await isDone()).toBe(true);
    expect(pacer.snapshot(key)!.probe).toBe('ready');
  });

  it('looks again after a wake that does not make it ready, and after its capped sleep', async () => {
    const clock = heldClock();
    const pacer = new Pacer({ rates: { admin_get_page: 30 }, burst: { admin_get_page: 1 }, now: clock.now, sleep: clock.sleep });
    const first = await pacer.acquire(key);
    const ready = pacer.whenReady(key);
    const isDone = settled(ready);
    await isDone();
    // The answer anchors the refill (a known burst: no probe), so it sleeps again toward the token.
    clock.advance(10);
    pacer.onSuccess(key, first, clock.now());
    expect(await isDone()).toBe(false);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([1000, 1000]);
    // The capped sleep ends a second later; the token (2 s at 30/min) is not there yet.
    clock.advance(1000);
    clock.sleeps[1]!.end();
    expect(await isDone()).toBe(false);
    clock.advance(1000);
    clock.sleeps[2]!.end();
    expect(await isDone()).toBe(true);
    expect(pacer.snapshot(key)!.tokens).toBeGreaterThanOrEqual(1);
  });

  it("rejects with the signal's reason when it aborts, or was aborted before", async () => {
    const clock = heldClock();
    const pacer = new Pacer({ rates: { admin_get_page: 60 }, burst: { admin_get_page: 1 }, now: clock.now, sleep: clock.sleep });
    await pacer.acquire(key);
    const controller = new AbortController();
    const ready = pacer.whenReady(key, controller.signal);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('run cancelled'));
    await expect(ready).rejects.toThrow('run cancelled');
    await expect(pacer.whenReady(key, controller.signal)).rejects.toThrow('run cancelled');
  });

  it('resolves at once for an unpaced class', async () => {
    const clock = heldClock();
    const pacer = new Pacer({ rates: { admin_get_page: Infinity }, now: clock.now, sleep: clock.sleep });
    await pacer.whenReady(key);
    expect(clock.sleeps).toEqual([]);
  });
});
