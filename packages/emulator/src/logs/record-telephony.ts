import type { HandlerContext } from '../route.js';
import type { Account } from '../state/types.js';
import { nextLogUuid } from './log-ids.js';
import type { TelephonyLogEntry } from './log-records.js';
import { logsOf } from './logs-of.js';

/** A text or call Duo sends: what it was for and where it went. */
export interface TelephonyEvent {
  type: 'sms' | 'phone';
  /** The number dialled or texted. */
  phone: string;
  /** `authentication` (Auth API texts and calls, passcodes), `activation` (Duo Mobile activation and installation texts)... */
  context: string;
  /** The authentication it served, if any. */
  txid?: string | null;
}

/**
 * Records one text or call in the telephony log and charges the account for it (the option's cost,
 * one credit each by default), as Duo bills telephony. An account out of credits stays at zero.
 */
export function recordTelephony(ctx: Pick<HandlerContext, 'now' | 'options'> & { account: Account }, event: TelephonyEvent): TelephonyLogEntry {
  const { account } = ctx;
  // Contexts built by hand (direct handler tests) may carry no cost: Duo's one credit each.
  const credits = Math.max(0, ctx.options.telephonyCreditCost?.[event.type] ?? 1);
  account.telephony_credits = Math.max(0, account.telephony_credits - credits);
  const entry: TelephonyLogEntry = {
    telephony_id: nextLogUuid(account, 'telephony'),
    ts_ms: ctx.now(),
    txid: event.txid ?? null,
    context: event.context,
    type: event.type,
    phone: event.phone,
    credits,
  };
  logsOf(account).telephony.push(entry);
  return entry;
}
