import { formatTable } from '../../cli/print-result.js';
import type { SeatsReport } from './seats-types.js';

const COLUMNS = ['organization', 'duo account', 'users', 'active', 'bypass', 'disabled', 'locked', 'pending del', 'enrolled', 'not enrolled', 'billable', 'edition', 'credits'];

/** The report as a plain table: one row per account (a failed one shows its error), then the totals. */
export function formatSeatsTable(report: SeatsReport): string {
  const rows: Array<Record<string, unknown>> = report.accounts.map((a) => {
    const c = a.counts;
    const base = { organization: a.organization_name ?? '(unmapped)', 'duo account': a.duo_account_name };
    if (a.status !== 'ok' || !c) return { ...base, users: `failed: ${a.error?.message ?? 'unknown error'}` };
    return {
      ...base,
      users: c.users + (c.other_status > 0 ? ` (${c.other_status} other)` : ''),
      active: c.active,
      bypass: c.bypass,
      disabled: c.disabled,
      locked: c.locked_out,
      'pending del': c.pending_deletion,
      enrolled: c.enrolled,
      'not enrolled': c.not_enrolled,
      billable: c.billable,
      edition: a.edition ?? '-',
      credits: a.telephony_credits,
    };
  });
  const t = report.totals;
  rows.push({
    organization: 'TOTAL',
    'duo account': `${t.accounts} accounts${t.accounts_failed > 0 ? ` (${t.accounts_failed} failed, not summed)` : ''}`,
    users: t.counts.users,
    active: t.counts.active,
    bypass: t.counts.bypass,
    disabled: t.counts.disabled,
    locked: t.counts.locked_out,
    'pending del': t.counts.pending_deletion,
    enrolled: t.counts.enrolled,
    'not enrolled': t.counts.not_enrolled,
    billable: t.counts.billable,
    edition: '',
    credits: t.telephony_credits,
  });
  return `Seats and billing as of ${report.generated_at}\n${formatTable(rows, COLUMNS)}billable (${report.billable_basis}): ${report.billable_rule}\n`;
}
