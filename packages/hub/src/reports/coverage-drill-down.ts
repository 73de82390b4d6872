import { formatTable } from '../cli/print-result.js';
import { describeMatch, matchRef, type NamedItem } from '../cli/resolve-ref.js';

/** One organization's row of a coverage report, as far as the drill-down reads it. */
export interface CoverageRow {
  name: string;
  organization_id: string | null;
  duo_account_id: string;
  duo_account_name: string;
  status: string;
  users: number;
  no_mfa: number;
  mfa_percent: number;
  counts?: unknown;
  users_without_mfa: Array<{ user_id: string; username: string; email: string | null; status: string; last_login: number | null; risky_bypass?: boolean }>;
  error?: { message?: string } | null;
}

/**
 * The report row `ref` names: a hub organization (name or id) or, for an account not mapped to one,
 * the Duo account (name or id). An ambiguous name lists the candidates; an unknown one suggests names.
 */
export function selectCoverageRow(rows: readonly CoverageRow[], ref: string): CoverageRow {
  const byId = new Map<string, CoverageRow>();
  const items: NamedItem[] = rows.map((r) => {
    const id = r.organization_id ?? r.duo_account_id;
    byId.set(id, r);
    return { id, name: r.name };
  });
  let match = matchRef(ref, items);
  if (match.kind === 'none') {
    // A mapped organization may also be named by its Duo account's id or name.
    const accounts = rows.map((r) => ({ id: r.duo_account_id, name: r.duo_account_name }));
    const byAccount = matchRef(ref, accounts);
    if (byAccount.kind !== 'none') {
      const found = byAccount.kind === 'found' ? [byAccount.item] : byAccount.candidates;
      const mapped = found.map((a) => items[rows.findIndex((r) => r.duo_account_id === a.id)]!);
      match = mapped.length === 1 ? { kind: 'found', item: mapped[0]! } : { kind: 'ambiguous', candidates: mapped };
    }
  }
  return byId.get(describeMatch('organization', ref, match))!;
}

/** Users without MFA, flattened with their organization, for `--without-mfa --json`. */
export function flattenUsersWithoutMfa(rows: readonly CoverageRow[]) {
  return rows.flatMap((r) =>
    r.users_without_mfa.map((u) => ({ organization: r.name, organization_id: r.organization_id, duo_account_id: r.duo_account_id, ...u })),
  );
}

/** The users-without-MFA table of one or more organizations (an organization column when several). */
export function formatUsersWithoutMfa(rows: readonly CoverageRow[], snapshot: { id: string; taken_at: string }): string {
  const users = flattenUsersWithoutMfa(rows);
  const several = rows.length > 1;
  const head = several
    ? `Users without MFA across ${rows.length} organizations (snapshot ${snapshot.id} as of ${snapshot.taken_at}): ${users.length}\n`
    : `Users without MFA in ${rows[0]?.name ?? '?'} (snapshot ${snapshot.id} as of ${snapshot.taken_at}): ${users.length} of ${rows[0]?.users ?? 0}\n`;
  const table = formatTable(
    users.map((u) => ({
      ...u,
      last_login: u.last_login === null ? 'never' : new Date(u.last_login * 1000).toISOString().slice(0, 10),
      risky_bypass: u.risky_bypass ? 'yes' : '',
    })),
    [...(several ? ['organization'] : []), 'username', 'email', 'status', 'last_login', 'risky_bypass', 'user_id'],
  );
  return head + table;
}

/** One organization's figures, with a pointer to the user list. */
export function formatOrganizationCoverage(row: CoverageRow, snapshot: { id: string; taken_at: string }): string {
  const lines = [`${row.name} (snapshot ${snapshot.id} as of ${snapshot.taken_at})`];
  lines.push(`  Duo account: ${row.duo_account_name} (${row.duo_account_id})${row.organization_id ? `; organization ${row.organization_id}` : '; not mapped to an organization'}`);
  if (row.status !== 'ok') {
    lines.push(`  scan failed: ${row.error?.message ?? 'unknown error'}`);
    return lines.join('\n') + '\n';
  }
  lines.push(`  users: ${row.users}; with MFA: ${row.mfa_percent.toFixed(2)}%; without MFA: ${row.no_mfa}`);
  const counts = row.counts as { factor_class?: Record<string, number>; no_mfa_by_status?: Record<string, number> } | undefined;
  const pairs = (o: Record<string, number> | undefined) => Object.entries(o ?? {}).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || '-';
  if (counts?.factor_class) lines.push(`  by strongest factor: ${pairs(counts.factor_class)}`);
  if (counts?.no_mfa_by_status) lines.push(`  without MFA by status: ${pairs(counts.no_mfa_by_status)}`);
  if (row.no_mfa > 0) lines.push('  list them: add --without-mfa');
  return lines.join('\n') + '\n';
}
