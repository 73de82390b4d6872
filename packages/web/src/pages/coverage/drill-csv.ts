import type { NoMfaUser, OrganizationCoverage } from './coverage-api.js';
import { formatDate } from './format.js';

/** One CSV field as the hub writes them: quoted when needed, and a leading =, +, -, @ defused for spreadsheets. */
export function csvField(value: string | number | boolean | null): string {
  let v = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const line = (values: ReadonlyArray<string | number | boolean | null>) => values.map(csvField).join(',');
const join = (lines: string[]) => lines.join('\r\n') + '\r\n';

/**
 * The users without MFA on screen in a drill-down (one organization, after the filter), in the columns
 * of the hub's fleet-wide export, so the two files read alike.
 */
export function organizationUsersCsv(takenAt: string, org: Pick<OrganizationCoverage, 'name' | 'organization_id' | 'duo_account_id'>, users: readonly NoMfaUser[]): string {
  const lines = [line(['taken_at', 'organization', 'organization_id', 'duo_account_id', 'user_id', 'username', 'email', 'status', 'last_login', 'risky_bypass'])];
  for (const u of users) {
    const last = u.last_login === null ? null : new Date(u.last_login * 1000).toISOString();
    lines.push(line([takenAt, org.name, org.organization_id, org.duo_account_id, u.user_id, u.username, u.email, u.status, last, u.risky_bypass]));
  }
  return join(lines);
}

/** The one organization's line of the coverage export (same columns as the fleet-wide file). */
export function organizationCoverageCsv(takenAt: string, o: OrganizationCoverage): string {
  const c = o.counts;
  return join([
    line(['taken_at', 'organization', 'organization_id', 'duo_account_id', 'duo_account_name', 'status', 'users', 'mfa', 'no_mfa', 'mfa_percent', 'push_capable', 'webauthn', 'hardware_token', 'sms_voice_only', 'never_logged_in', 'stale', 'risky_bypass', 'error']),
    line([
      takenAt, o.name, o.organization_id, o.duo_account_id, o.duo_account_name, o.status, o.users, o.mfa, o.no_mfa,
      // An organization without users has no percentage, rather than 0%.
      o.users === 0 ? null : o.mfa_percent,
      c?.factor_class.push_capable ?? null, c?.factor_class.webauthn ?? null, c?.factor_class.hardware_token ?? null, c?.factor_class.sms_voice_only ?? null,
      c?.never_logged_in ?? null, c?.stale ?? null, c?.risky_bypass ?? null, o.error?.message ?? null,
    ]),
  ]);
}

/** A file-name-safe slug of an organization's name: `Acme Corporation LLC` -> `acme-corporation-llc`. */
export function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'organization';
}

/** The file name of a drill-down export: `duohub-<kind>-<organization>[-filtered]-<date>.csv`. */
export function organizationExportName(kind: 'users-without-mfa' | 'mfa-coverage', orgName: string, takenAt: string, filtered: boolean): string {
  return `duohub-${kind}-${slug(orgName)}${filtered ? '-filtered' : ''}-${formatDate(takenAt)}.csv`;
}

/** An organization's MFA-enabled % as the page shows it: "no users" for an empty one, never "0%". */
export function coveragePercentText(o: Pick<OrganizationCoverage, 'users' | 'mfa_percent'>, format: (n: number) => string): string {
  return o.users === 0 ? 'no users' : format(o.mfa_percent);
}
