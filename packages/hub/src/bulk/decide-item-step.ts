import type { ItemFailureKind } from './classify-item-failure.js';

/** What the action's declaration says about repeating and checking its call. */
export interface ItemActionTraits {
  idempotent: boolean;
  /** Deletes or overwrites: a 404 means the wanted state already holds. */
  destructive: boolean;
  /** The action declares `reconcile`: a read-back can tell whether an unanswered call took effect. */
  canReconcile: boolean;
}

/** Where an item stands when the executor decides. */
export type ItemSituation =
  /** The task reached the item: pending, or `calling` left by a holder that died or lost its claim. */
  | { at: 'found'; status: 'pending' | 'calling' }
  /** The call failed; `attemptsLeft`: the item may be called again within its attempt budget. */
  | { at: 'failed'; kind: ItemFailureKind; attemptsLeft: boolean }
  /** The read-back's verdict (`unknown` too when the read-back itself failed). */
  | { at: 'reconciled'; verdict: 'applied' | 'not_applied' | 'unknown'; attemptsLeft: boolean };

/** The executor's next step for an item. */
export type ItemStep =
  /** Record intent (attempts + 1) and call now. */
  | { do: 'call' }
  /** Duo did not carry it out: hand the item back to `pending`, wait a backoff, then call again. */
  | { do: 'call_later' }
  /** Read back whether the unanswered call took effect. */
  | { do: 'reconcile' }
  | { do: 'finish'; status: 'done' | 'skipped' | 'failed' | 'review'; reconciled?: true };

/**
 * The item state machine, as one pure function (a success is simply `done`). The rule it keeps: a
 * non-idempotent call is never made twice. So a call that may have been carried out (ambiguous
 * failure, or an item found `calling` after a crash) is made again only when the action is
 * idempotent; otherwise it is reconciled by reading back when the action can, and left for a person
 * to review when it cannot. A 429 or a request that never left means Duo did nothing: call again.
 */
export function decideItemStep(situation: ItemSituation, action: ItemActionTraits): ItemStep {
  const unsure = (): ItemStep => (action.idempotent ? { do: 'call' } : action.canReconcile ? { do: 'reconcile' } : { do: 'finish', status: 'review' });
  switch (situation.at) {
    case 'found':
      return situation.status === 'pending' ? { do: 'call' } : unsure();
    case 'reconciled':
      if (situation.verdict === 'applied') return { do: 'finish', status: 'done', reconciled: true };
      // Known not carried out: calling again is safe, within the item's attempt budget.
      if (situation.verdict === 'not_applied') return situation.attemptsLeft ? { do: 'call' } : { do: 'finish', status: 'failed' };
      return { do: 'finish', status: 'review' };
    case 'failed':
      switch (situation.kind) {
        case 'rate_limited':
        case 'not_sent':
          return situation.attemptsLeft ? { do: 'call_later' } : { do: 'finish', status: 'failed' };
        case 'not_found':
          return { do: 'finish', status: action.destructive ? 'skipped' : 'failed' };
        case 'final':
          return { do: 'finish', status: 'failed' };
        case 'unreadable':
          // Duo said OK, so it was carried out; only its answer could not be read (the outcome says so).
          return { do: 'finish', status: 'done' };
        case 'ambiguous':
          if (action.idempotent && !situation.attemptsLeft) return { do: 'finish', status: 'failed' };
          return unsure();
      }
  }
}
