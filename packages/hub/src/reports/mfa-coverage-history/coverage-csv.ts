import { csvField } from '../../audit/query-audit.js';
import type { CoverageDiff, CoverageReport, CoverageSummary } from './coverage-report.js';

const line = (values: ReadonlyArray<string | number | boolean | null>) => values.map((v) => csvField(v === null ? '' : String(v))).join(',');
const join = (lines: string[]) => lines.join('\r\n') + '\r\n';

/** One line per organization: users, MFA, without MFA, MFA %, and the factor and status mix. */
export function coverageReportCsv(report: CoverageSummary): string {
  const lines = [
    line(['taken_at', 'organization', 'organization_id', 'duo_account_id', 'duo_account_name', 'status', 'users', 'mfa', 'no_mfa', 'mfa_percent', 'push_capable', 'webauthn', 'hardware_token', 'sms_voice_only', 'never_logged_in', 'stale', 'risky_bypass', 'error']),
  ];
  for (const o of report.organizations) {
    const c = o.counts;
    lines.push(
      line([
        report.snapshot.taken_at,
        o.name,
        o.organization_id,
        o.duo_account_id,
        o.duo_account_name,
        o.status,
        o.users,
        o.mfa,
        o.no_mfa,
        o.mfa_percent,
        c?.factor_class.push_capable ?? null,
        c?.factor_class.webauthn ?? null,
        c?.factor_class.hardware_token ?? null,
        c?.factor_class.sms_voice_only ?? null,
        c?.never_logged_in ?? null,
        c?.stale ?? null,
        c?.risky_bypass ?? null,
        o.error?.message ?? null,
      ]),
    );
  }
  return join(lines);
}

/** One line per user without MFA, per organization. */
export function usersWithoutMfaCsv(report: CoverageReport): string {
  const lines = [line(['taken_at', 'organization', 'organization_id', 'duo_account_id', 'user_id', 'username', 'email', 'status', 'last_login', 'risky_bypass'])];
  for (const o of report.organizations) {
    for (const u of o.users_without_mfa) {
      const last = u.last_login === null ? null : new Date(u.last_login * 1000).toISOString();
      lines.push(line([report.snapshot.taken_at, o.name, o.organization_id, o.duo_account_id, u.user_id, u.username, u.email, u.status, last, u.risky_bypass]));
    }
  }
  return join(lines);
}

/** One line per changed user: lost_mfa, gained_mfa, new_without_mfa or removed_without_mfa. */
export function coverageDiffCsv(diff: CoverageDiff): string {
  const lines = [line(['from', 'to', 'change', 'organization', 'organization_id', 'duo_account_id', 'user_id', 'username', 'email', 'status'])];
  for (const o of diff.organizations) {
    for (const change of ['lost_mfa', 'gained_mfa', 'new_without_mfa', 'removed_without_mfa'] as const) {
      for (const u of o[change]) lines.push(line([diff.from.taken_at, diff.to.taken_at, change, o.name, o.organization_id, o.account_id, u.user_id, u.username, u.email, u.status]));
    }
  }
  return join(lines);
}
