/**
 * Shapes of the seats and billing report: plain JSON in the API's snake_case, so the REST answer,
 * the CSV, the CLI table and the web page all read the same objects.
 */

/** Users of one account (or a fleet) by Duo status and by enrollment. */
export interface SeatsCounts {
  users: number;
  active: number;
  bypass: number;
  disabled: number;
  locked_out: number;
  pending_deletion: number;
  /** A status Duo may add later: counted here rather than dropped. */
  other_status: number;
  /** `is_enrolled`, or any phone, hardware token, WebAuthn credential or U2F token. */
  enrolled: number;
  not_enrolled: number;
  /** See `SEATS_BILLABLE_RULE`. */
  billable: number;
}

/** Where the billable figure comes from: Duo does not report billable users through its APIs, so it is derived. */
export const SEATS_BILLABLE_BASIS = 'derived' as const;

/** How the derived billable figure is counted, stated in every answer. */
export const SEATS_BILLABLE_RULE =
  "every user in the account (active, bypass, disabled, locked out) except those pending deletion: a disabled user still holds a license. Duo's Admin and Accounts APIs do not report a billable count, so this is derived from the user list.";

/** A read that failed, as data safe to show (see `scanError`). */
export interface SeatsError {
  kind: string;
  message: string;
  status?: number;
  code?: number;
}

/** One Duo account's line in the report. */
export interface AccountSeats {
  integration_id: string;
  /** Null in answers to a token limited to organizations (integrations are fleet-wide). */
  integration_name: string | null;
  /** A child `account_id`, or `parent` for the integration's own account. */
  duo_account_id: string;
  duo_account_name: string;
  /** The hub organization mapped to the account, if any. */
  organization_id: string | null;
  organization_name: string | null;
  status: 'ok' | 'failed';
  /** Null when the account could not be read. */
  counts: SeatsCounts | null;
  /** Duo's edition (ENTERPRISE = Essentials, PLATFORM = Advantage, BEYOND = Premier); null for a parent, which Duo does not report. */
  edition: string | null;
  telephony_credits: number | null;
  /** Duo's `total_objects` of the user list, when it gave one (a check on `counts.users`). */
  duo_total_users: number | null;
  error: SeatsError | null;
}

/** Fleet totals over the accounts a report shows; failed accounts are left out of the sums. */
export interface SeatsTotals {
  accounts: number;
  accounts_ok: number;
  accounts_failed: number;
  counts: SeatsCounts;
  telephony_credits: number;
}

/** The report as the API answers it. */
export interface SeatsReport {
  generated_at: string;
  billable_basis: typeof SEATS_BILLABLE_BASIS;
  billable_rule: string;
  accounts: AccountSeats[];
  totals: SeatsTotals;
}
