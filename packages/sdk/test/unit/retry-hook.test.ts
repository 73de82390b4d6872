import { describe, expect, it } from 'vitest';
import { DuoAdminClient, DuoAuthClient, DuoRateLimitError, DuoServerError, type RetryInfo } from '../../src/index.js';
import { CREDS, fail, fakeDuo, fakeSleep, ok } from '../support/fake-duo.js';

function client(handler: Parameters<typeof fakeDuo>[0], retry: Record<string, unknown> = {}) {
  const duo = fakeDuo(handler);
  const sleeper = fakeSleep();
  const retries: RetryInfo[] = [];
  let clock = Date.UTC(2026, 0, 1);
  const options = {
    ...CREDS,
    fetch: duo.fetch,
    pacing: false as const,
    now: () => (clock += 1000),
    retry: { sleep: sleeper.sleep, random: () => 0.5, ...retry },
    onRetry: (info: RetryInfo) => retries.push(info),
  };
  return { duo, sleeper, retries, admin: new DuoAdminClient(options), auth: new DuoAuthClient(options) };
}

const limited = () => fail(429, 42901, 'Too Many Requests');

describe('retries', () => {
  it('retries 429 up to seven attempts with the backoff schedule, then throws the 429', async () => {
    const t = client(limited);
    await expect(t.admin.request('POST', '/admin/v1/users', { username: 'x' })).rejects.toBeInstanceOf(DuoRateLimitError);
    expect(t.duo.seen).toHaveLength(7);
    expect(t.sleeper.waits).toEqual([1500, 2500, 4500, 8500, 16500, 32500]);
    expect(t.retries.map((r) => r.reason)).toEqual(Array(6).fill('rate_limited'));
    expect(t.retries.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('re-signs every attempt with a fresh Date and the same body', async () => {
    const t = client((_s, i) => (i < 2 ? limited() : ok({ user_id: 'DU1' })));
    await t.admin.request('POST', '/admin/v1/users', { username: 'x', realname: 'y' });
    const dates = t.duo.seen.map((s) => s.headers.get('date'));
    expect(new Set(dates).size).toBe(3);
    expect(new Set(t.duo.seen.map((s) => s.headers.get('authorization'))).size).toBe(3);
    expect(new Set(t.duo.seen.map((s) => s.body))).toEqual(new Set(['{"realname":"y","username":"x"}']));
    expect(t.duo.seen.every((s) => s.signatureValid)).toBe(true);
  });

  it('honours Retry-After instead of the schedule', async () => {
    const t = client((_s, i) => (i === 0 ? fail(429, 42901, 'Too Many Requests', undefined, { 'retry-after': '3' }) : ok({})));
    await t.admin.request('GET', '/admin/v1/users');
    expect(t.sleeper.waits).toEqual([3500]);
    expect(t.retries[0]!.retryAfterMs).toBe(3000);
  });

  it('gives up when Retry-After exceeds maxRetryAfterMs', async () => {
    const t = client(() => fail(429, 42901, 'Too Many Requests', undefined, { 'retry-after': '120' }));
    await expect(t.admin.request('GET', '/admin/v1/users')).rejects.toMatchObject({ retryAfterMs: 120000 });
    expect(t.duo.seen).toHaveLength(1);
  });

  it('retries 5xx for idempotent calls only', async () => {
    const get = client((_s, i) => (i === 0 ? fail(503, 50001, 'Unknown internal server error') : ok([])));
    await get.admin.request('GET', '/admin/v1/users');
    expect(get.duo.seen).toHaveLength(2);
    expect(get.retries[0]!.reason).toBe('server_error');

    const create = client(() => fail(500, 50001, 'Unknown internal server error'));
    await expect(create.admin.users.create({ username: 'x' })).rejects.toBeInstanceOf(DuoServerError);
    expect(create.duo.seen).toHaveLength(1);
  });

  it('treats a POST marked idempotent like a read', async () => {
    const t = client((_s, i) => (i === 0 ? fail(502, 50001, 'Bad gateway') : ok({ user_id: 'DU1' })));
    await t.admin.users.update('DU1', { realname: 'Z' });
    expect(t.duo.seen).toHaveLength(2);
  });

  it('never resends a push after a reset', async () => {
    const t = client(() => {
      throw new TypeError('socket hang up');
    });
    await expect(t.auth.authAsync({ username: 'u', factor: 'push' })).rejects.toMatchObject({ name: 'DuoConnectionError', sent: true });
    expect(t.duo.seen).toHaveLength(1);
    const reads = client((_s, i) => {
      if (i === 0) throw new TypeError('socket hang up');
      return ok({ time: 1 });
    });
    await reads.auth.check();
    expect(reads.duo.seen).toHaveLength(2);
    expect(reads.retries[0]!.reason).toBe('connection');
  });

  it('stops at maxAttempts and at maxTotalWaitMs', async () => {
    const few = client(limited, { maxAttempts: 3 });
    await expect(few.admin.request('GET', '/admin/v1/users')).rejects.toBeInstanceOf(DuoRateLimitError);
    expect(few.duo.seen).toHaveLength(3);

    const budget = client(limited, { maxTotalWaitMs: 5000 });
    await expect(budget.admin.request('GET', '/admin/v1/users')).rejects.toBeInstanceOf(DuoRateLimitError);
    // 1.5 s + 2.5 s fit in 5 s; the next 4.5 s would not.
    expect(budget.sleeper.waits).toEqual([1500, 2500]);
    expect(budget.duo.seen).toHaveLength(3);
  });

  it('retry: false sends once', async () => {
    const duo = fakeDuo(limited);
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, retry: false, pacing: false });
    await expect(admin.request('GET', '/admin/v1/users')).rejects.toBeInstanceOf(DuoRateLimitError);
    expect(duo.seen).toHaveLength(1);
  });

  it('an abort during the backoff wait stops the call with the abort reason', async () => {
    const controller = new AbortController();
    const duo = fakeDuo(limited);
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason));
        controller.abort(new Error('stop'));
      });
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: false, retry: { sleep } });
    await expect(admin.request('GET', '/admin/v1/users', {}, { signal: controller.signal })).rejects.toThrow('stop');
    expect(duo.seen).toHaveLength(1);
  });
});
