import { addSeatsCounts, emptySeatsCounts } from './seats-counts.js';
import type { AccountSeats, SeatsTotals } from './seats-types.js';

/** Totals over the accounts shown: read accounts are summed, failed ones only counted as failed. */
export function seatsTotals(accounts: readonly AccountSeats[]): SeatsTotals {
  const counts = emptySeatsCounts();
  let ok = 0;
  let credits = 0;
  for (const a of accounts) {
    if (a.status !== 'ok' || !a.counts) continue;
    ok += 1;
    addSeatsCounts(counts, a.counts);
    credits += a.telephony_credits ?? 0;
  }
  return { accounts: accounts.length, accounts_ok: ok, accounts_failed: accounts.length - ok, counts, telephony_credits: credits };
}
