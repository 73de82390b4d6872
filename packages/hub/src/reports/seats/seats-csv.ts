import { csvLine } from '../../logs/search/log-csv.js';
import type { AccountSeats, SeatsCounts, SeatsReport } from './seats-types.js';

/** The CSV's columns, fixed, in the order a PSA reconciliation reads them. */
export const SEATS_CSV_COLUMNS = [
  'row',
  'organization',
  'organization_id',
  'duo_account_name',
  'duo_account_id',
  'integration',
  'integration_id',
  'status',
  'users',
  'active',
  'bypass',
  'disabled',
  'locked_out',
  'pending_deletion',
  'other_status',
  'enrolled',
  'not_enrolled',
  'billable',
  'billable_basis',
  'edition',
  'telephony_credits',
  'generated_at',
  'error',
] as const;

const COUNT_KEYS: ReadonlyArray<keyof SeatsCounts> = ['users', 'active', 'bypass', 'disabled', 'locked_out', 'pending_deletion', 'other_status', 'enrolled', 'not_enrolled', 'billable'];

const num = (n: number | null | undefined) => (n === null || n === undefined ? null : String(n));

/**
 * The report as CSV: a header, one line per account, then a totals line over the accounts read
 * (failed ones are counted in the totals line's status cell, never summed). Cells go through the
 * hub's one CSV quoting, which also keeps spreadsheets from running names as formulas.
 */
export function seatsReportCsv(report: SeatsReport): string {
  let out = csvLine(SEATS_CSV_COLUMNS);
  for (const a of report.accounts) out += csvLine(accountCells(a, report));
  const t = report.totals;
  out += csvLine([
    'total',
    null,
    null,
    `${t.accounts} accounts`,
    null,
    null,
    null,
    t.accounts_failed > 0 ? `${t.accounts_ok} ok, ${t.accounts_failed} failed` : 'ok',
    ...COUNT_KEYS.map((k) => num(t.counts[k])),
    report.billable_basis,
    null,
    num(t.telephony_credits),
    report.generated_at,
    null,
  ]);
  return out;
}

function accountCells(a: AccountSeats, report: SeatsReport): Array<string | null> {
  return [
    'account',
    a.organization_name,
    a.organization_id,
    a.duo_account_name,
    a.duo_account_id,
    a.integration_name,
    a.integration_id,
    a.status,
    ...COUNT_KEYS.map((k) => num(a.counts?.[k])),
    report.billable_basis,
    a.edition,
    num(a.telephony_credits),
    report.generated_at,
    a.error?.message ?? null,
  ];
}
