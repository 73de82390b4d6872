import { newTxid } from '../state/ids.js';
import type { Account, AuthLogEntry, AuthTransaction, PushScript } from '../state/types.js';

/** Everything `/auth` decided about an attempt before it starts. */
export interface AuthPlan {
  user_id: string;
  /** The factor asked for (`push`, `passcode`, ...). */
  factor: string;
  /** The device id used, if any. */
  device: string | null;
  /** How long until the outcome (0: known at once). */
  delayMs: number;
  outcome: PushScript['outcome'];
  answer: NonNullable<AuthTransaction['answer']>;
  waiting?: NonNullable<AuthTransaction['waiting']>;
  /** The log row, without txid, timestamp and the request's details (filled in here). */
  log: Pick<AuthLogEntry, 'factor' | 'result' | 'reason' | 'device' | 'user_id' | 'username'>;
  pushinfo: string | null;
}

/** What the request adds to a plan: who called, from where. */
export interface AuthRequestInfo {
  integration_key: string;
  ip: string | null;
  hostname: string | null;
  nowMs: number;
  random: () => number;
}

// Timers cannot wait longer than this (about 24.8 days); longer waits are capped, never wrapped.
const MAX_TIMER_MS = 2 ** 31 - 1;
// Done transactions are kept for auth_status this long before they may be pruned.
const KEEP_DONE_MS = 10 * 60_000;
const PRUNE_ABOVE = 1_000;

const waiters = new WeakMap<AuthTransaction, Set<() => void>>();

/**
 * Records a transaction and arranges its resolution: at once when its outcome is already known,
 * else by a timer `delayMs` from now (unref'd, so an idle emulator never holds the process open).
 */
export function startTransaction(account: Account, plan: AuthPlan, info: AuthRequestInfo): AuthTransaction {
  pruneTransactions(account, info.nowMs);
  let txid = newTxid(info.random);
  while (account.transactions[txid]) txid = newTxid(info.random);
  const tx: AuthTransaction = {
    txid,
    user_id: plan.user_id,
    factor: plan.factor,
    device: plan.device,
    resolve_at_ms: info.nowMs + Math.max(0, plan.delayMs),
    outcome: plan.outcome,
    done: false,
    pushinfo: plan.pushinfo,
    integration_key: info.integration_key,
    answer: plan.answer,
    log: { ...plan.log, txid, integration_key: info.integration_key, ip: info.ip, hostname: info.hostname },
  };
  if (plan.waiting) tx.waiting = plan.waiting;
  account.transactions[txid] = tx;
  if (plan.delayMs <= 0) settleTransaction(account, tx);
  else setTimeout(() => settleTransaction(account, tx), Math.min(plan.delayMs, MAX_TIMER_MS)).unref();
  return tx;
}

/**
 * Resolves a transaction once: writes its log row (timestamped at its scheduled outcome, so a fake
 * clock gives exact times), moves the user's `last_login` on success, and wakes every waiter.
 */
export function settleTransaction(account: Account, tx: AuthTransaction): void {
  if (tx.done) return;
  tx.done = true;
  if (tx.log) account.auth_log.push({ ...tx.log, timestamp_ms: tx.resolve_at_ms });
  const user = account.users[tx.user_id];
  if (user && tx.answer?.result === 'allow') user.last_login = Math.floor(tx.resolve_at_ms / 1000);
  const pending = waiters.get(tx);
  waiters.delete(tx);
  for (const wake of pending ?? []) wake();
}

/**
 * Waits until the transaction resolves, `maxWaitMs` passes, or the caller goes away. Its timing is
 * measured against the emulator's clock (`now`); when the wait reaches the outcome time it settles
 * the transaction itself, which covers transactions imported without a timer.
 */
export function waitForTransaction(
  account: Account,
  tx: AuthTransaction,
  maxWaitMs: number,
  now: () => number,
  signal?: AbortSignal,
): Promise<void> {
  if (tx.done) return Promise.resolve();
  const due = tx.resolve_at_ms - now();
  if (due <= 0) {
    settleTransaction(account, tx);
    return Promise.resolve();
  }
  if (maxWaitMs <= 0 || signal?.aborted) return Promise.resolve();
  const wait = Math.min(due, maxWaitMs, MAX_TIMER_MS);
  return new Promise((resolve) => {
    let set = waiters.get(tx);
    if (!set) waiters.set(tx, (set = new Set()));
    const finish = () => {
      clearTimeout(timer);
      waiters.get(tx)?.delete(finish);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(() => {
      if (wait >= due) settleTransaction(account, tx);
      finish();
    }, wait);
    set.add(finish);
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/** What `auth_status` (and a synchronous `/auth`) answers for a transaction now. */
export function transactionStatus(tx: AuthTransaction): { result: 'waiting' | 'allow' | 'deny'; status: string; status_msg: string } {
  if (tx.done && tx.answer) return { ...tx.answer };
  if (tx.done) return { result: tx.outcome === 'approve' ? 'allow' : 'deny', status: tx.outcome, status_msg: '' };
  return { result: 'waiting', status: tx.waiting?.status ?? 'pushed', status_msg: tx.waiting?.status_msg ?? '' };
}

function pruneTransactions(account: Account, nowMs: number): void {
  const ids = Object.keys(account.transactions);
  if (ids.length < PRUNE_ABOVE) return;
  for (const id of ids) {
    const tx = account.transactions[id]!;
    if (tx.done && tx.resolve_at_ms < nowMs - KEEP_DONE_MS) delete account.transactions[id];
  }
}
