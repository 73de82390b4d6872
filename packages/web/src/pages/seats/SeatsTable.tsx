import { formatCount } from '../coverage/format.ts';
import type { AccountSeats, SeatsCounts, SeatsReport } from './seats-api.ts';
import { accountLabel, formatEdition } from './seats-format.ts';

const FIGURES: ReadonlyArray<readonly [keyof SeatsCounts, string]> = [
  ['users', 'Users'],
  ['active', 'Active'],
  ['bypass', 'Bypass'],
  ['disabled', 'Disabled'],
  ['locked_out', 'Locked out'],
  ['pending_deletion', 'Pending deletion'],
  ['enrolled', 'Enrolled'],
  ['not_enrolled', 'Not enrolled'],
  ['billable', 'Billable'],
];

function Row({ a }: { a: AccountSeats }) {
  const label = accountLabel(a);
  const first = (
    <>
      <th scope="row" className={label.unmapped ? 'unmapped' : undefined}>{label.organization}</th>
      <td>
        {a.duo_account_name}
        <span className="account-sub mono">{a.duo_account_id}</span>
      </td>
    </>
  );
  if (a.status !== 'ok' || !a.counts) {
    return (
      <tr className="failed" data-account={a.duo_account_id}>
        {first}
        <td colSpan={FIGURES.length + 2} role="note">Could not be read: {a.error?.message ?? 'unknown error'}</td>
      </tr>
    );
  }
  const counts = a.counts;
  return (
    <tr data-account={a.duo_account_id}>
      {first}
      {FIGURES.map(([k]) => <td key={k} className="num" data-figure={k}>{formatCount(counts[k])}</td>)}
      <td data-figure="edition">{formatEdition(a.edition)}</td>
      <td className="num" data-figure="telephony_credits">{a.telephony_credits === null ? '–' : formatCount(a.telephony_credits)}</td>
    </tr>
  );
}

/** One row per Duo account, failed ones with their error, and the totals in the footer. */
export function SeatsTable({ report, scope }: { report: SeatsReport; scope: string }) {
  const t = report.totals;
  return (
    <div className="table-wrap">
      <table className="seats-table" aria-label="Seats per Duo account">
        <thead>
          <tr>
            <th scope="col">Organization</th>
            <th scope="col">Duo account</th>
            {FIGURES.map(([k, label]) => <th key={k} scope="col" className="num">{label}</th>)}
            <th scope="col">Edition</th>
            <th scope="col" className="num">Telephony credits</th>
          </tr>
        </thead>
        <tbody>
          {report.accounts.length === 0 ? (
            <tr><td colSpan={FIGURES.length + 4}>No Duo accounts to show.</td></tr>
          ) : (
            report.accounts.map((a) => <Row key={`${a.integration_id}|${a.duo_account_id}`} a={a} />)
          )}
        </tbody>
        <tfoot>
          <tr data-account="total">
            <th scope="row">{scope}</th>
            <td>
              {formatCount(t.accounts)} accounts{t.accounts_failed > 0 ? ` (${formatCount(t.accounts_failed)} failed, not summed)` : ''}
            </td>
            {FIGURES.map(([k]) => <td key={k} className="num" data-figure={k}>{formatCount(t.counts[k])}</td>)}
            <td />
            <td className="num" data-figure="telephony_credits">{formatCount(t.telephony_credits)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
