import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTransaction, waitForTransaction } from '../src/auth/auth-transactions.js';
import { createRandom } from '../src/random.js';
import { authStatusRoute } from '../src/routes/auth/auth-status.js';
import { authRoute } from '../src/routes/auth/auth.js';
import { demoState } from '../src/seed/demo-state.js';
import type { Account, User } from '../src/state/types.js';
import { demoFixture, hasPush } from './support-auth/demo-fixture.js';
import { handlerContext } from './support-auth/handler-context.js';

/** Tracks whether a promise has settled, so a test can check it at a given fake instant. */
function track<T>(promise: Promise<T>) {
  const t = { done: false, value: undefined as T | undefined };
  void promise.then((v) => {
    t.done = true;
    t.value = v;
  });
  return t;
}

/** Lets pending promise callbacks run without moving the fake clock. */
async function flush() {
  await vi.advanceTimersByTimeAsync(0);
}

const pushUser = (u: User, a: Account) => u.status === 'active' && hasPush(u, a) && u.token_ids.length === 0;

describe('auth_status long-poll on a fake clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.UTC(2026, 10, 22, 12, 0, 0));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits 25 s by default, answers waiting/pushed, and the push still resolves on its own', async () => {
    const f = demoFixture({ now: () => Date.now() });
    const u = f.user(pushUser, 'push');
    u.push_script = { outcome: 'approve', afterMs: 60_000 };
    const txid = (await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'push', async: '1' })).body.response.txid;

    const poll = track(f.authCall('GET', '/auth/v2/auth_status', { txid }));
    await vi.advanceTimersByTimeAsync(24_999);
    expect(poll.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(poll.done).toBe(true);
    expect(poll.value!.body.response).toEqual({ result: 'waiting', status: 'pushed', status_msg: 'Pushed a login request to your device...', auth_delayed: false });

    const rows = f.account.auth_log.length;
    await vi.advanceTimersByTimeAsync(35_000);
    // Nobody polled, yet the outcome was reached and logged at its scheduled time.
    expect(f.account.auth_log).toHaveLength(rows + 1);
    expect(f.account.auth_log.at(-1)).toMatchObject({ txid, result: 'success', timestamp_ms: Date.UTC(2026, 10, 22, 12, 1, 0) });
    expect(u.last_login).toBe(Date.UTC(2026, 10, 22, 12, 1, 0) / 1000);
    const done = await f.authCall('GET', '/auth/v2/auth_status', { txid });
    expect(done.body.response.result).toBe('allow');
  });

  it('returns as soon as the outcome arrives, before the long-poll limit', async () => {
    const f = demoFixture({ now: () => Date.now() });
    const u = f.user(pushUser, 'push');
    u.push_script = { outcome: 'deny', afterMs: 10_000 };
    const txid = (await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'push', async: '1' })).body.response.txid;
    const poll = track(f.authCall('GET', '/auth/v2/auth_status', { txid }));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(poll.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(poll.value!.body.response).toMatchObject({ result: 'deny', status: 'deny' });
  });

  it('a synchronous auth blocks past the long-poll limit until the push times out', async () => {
    const f = demoFixture({ now: () => Date.now() });
    const u = f.user(pushUser, 'push');
    u.push_script = { outcome: 'timeout', afterMs: 60_000 };
    const auth = track(f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'push' }));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(auth.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(auth.value!.body.response).toEqual({ result: 'deny', status: 'timeout', status_msg: 'Login timed out.' });
    expect(f.account.auth_log.at(-1)).toMatchObject({ result: 'denied', reason: 'no_response' });
  });
});

describe('auth handlers called directly', () => {
  const fresh = () => {
    const state = demoState(createRandom(3), Date.now());
    const account = Object.values(state.accounts).find((a) => a.name === 'Globex Industries')!;
    const integration = Object.values(account.integrations).find((i) => i.type === 'auth')!;
    return { state, account, integration };
  };

  it('authLongPollMs caps the wait; a call shows calling while it rings', async () => {
    const { state, account, integration } = fresh();
    const u = Object.values(account.users).find(
      (x) => x.status === 'active' && x.phone_ids.length === 1 && !hasPush(x, account) && account.phones[x.phone_ids[0]!]!.capabilities.includes('phone'),
    )!;
    u.push_script = { outcome: 'approve', afterMs: 60_000 };
    const started = await authRoute.handle(
      handlerContext({ state, account, integration, params: { user_id: u.user_id, factor: 'phone', async: '1' } }),
    );
    expect(started.kind).toBe('ok');
    const txid = (started as { response: { txid: string } }).response.txid;
    const status = await authStatusRoute.handle(
      handlerContext({ state, account, integration, params: { txid }, options: { authLongPollMs: 5 } }),
    );
    expect(status).toMatchObject({ kind: 'ok', response: { result: 'waiting', status: 'calling' } });
  });

  it('a caller that goes away ends the long-poll early', async () => {
    const { state, account, integration } = fresh();
    const u = Object.values(account.users).find((x) => pushUser(x, account))!;
    u.push_script = { outcome: 'approve', afterMs: 60_000 };
    const started = await authRoute.handle(
      handlerContext({ state, account, integration, params: { user_id: u.user_id, factor: 'push', async: 'true' } }),
    );
    const txid = (started as { response: { txid: string } }).response.txid;
    const controller = new AbortController();
    const pending = authStatusRoute.handle(handlerContext({ state, account, integration, params: { txid }, signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'ok', response: { result: 'waiting' } });
    expect(account.transactions[txid]!.done).toBe(false);
  });

  it('a pending transaction restored from exported state (no timer) settles once its time has come', async () => {
    const { account } = fresh();
    const u = Object.values(account.users).find((x) => pushUser(x, account))!;
    const clock = { t: 1_000_000 };
    const tx = startTransaction(
      account,
      {
        user_id: u.user_id,
        factor: 'push',
        device: u.phone_ids[0]!,
        delayMs: 2 ** 40,
        outcome: 'approve',
        answer: { result: 'allow', status: 'allow', status_msg: 'ok' },
        log: { user_id: u.user_id, username: u.username, factor: 'duo_push', result: 'success', reason: 'user_approved', device: null },
        pushinfo: null,
      },
      { integration_key: 'DIX', ip: null, hostname: null, nowMs: clock.t, random: createRandom(1) },
    );
    const restored = structuredClone(account);
    const copy = restored.transactions[tx.txid]!;
    const rows = restored.auth_log.length;
    clock.t = copy.resolve_at_ms;
    await waitForTransaction(restored, copy, 25_000, () => clock.t);
    expect(copy.done).toBe(true);
    expect(restored.auth_log).toHaveLength(rows + 1);
    await waitForTransaction(restored, copy, 25_000, () => clock.t);
    expect(restored.auth_log).toHaveLength(rows + 1);
  });
});
