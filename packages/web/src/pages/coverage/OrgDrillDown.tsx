import { useEffect, useRef, useState } from 'react';
import { setQuery, useLocation } from '../../router.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { Link } from '../../ui/Link.tsx';
import { PAGE_SIZES, Pager, pageSlice } from '../../ui/Pager.tsx';
import type { CoverageReport, NoMfaUser, OrganizationCoverage } from './coverage-api.ts';
import { can, useSession } from '../../session.ts';
import { saveTextFile } from '../../ui/save-file.ts';
import { badgeFor } from '../actions/status-badge.ts';
import { organizationCoverageCsv, organizationExportName, organizationUsersCsv } from './drill-csv.ts';
import { formatCount, formatDateTime, formatLastLogin, formatPercent, formatStatus } from './format.ts';
import { UserRowActions } from './UserRowActions.tsx';
import { SendEnrollmentButton } from '../bulk/SendEnrollmentButton.tsx';
import { filterUsers, findOrganization } from './org-key.ts';
import { TotalsPanel } from './TotalsPanel.tsx';
import { useApiData } from '../../ui/use-api-data.ts';

/** `/coverage/<organization or Duo account id>`: one organization's users without MFA in a snapshot. */
export function OrgDrillDown({ orgKey }: { orgKey: string }) {
  const loc = useLocation();
  const snapshot = loc.query.get('snapshot');
  const integration = loc.query.get('integration');
  const q = new URLSearchParams();
  if (snapshot) q.set('run', snapshot);
  if (integration) q.set('integration_id', integration);
  // This organization alone: a large fleet's report holds every organization's users without MFA.
  q.set('organization', orgKey);
  const report = useApiData<CoverageReport>(`/api/reports/mfa-coverage?${q}`);
  const back = new URLSearchParams();
  if (snapshot) back.set('snapshot', snapshot);
  if (integration) back.set('integration', integration);
  const backTo = `/coverage${back.toString() ? `?${back}` : ''}`;
  const org = report.state === 'ok' ? findOrganization(report.data.organizations, orgKey) : undefined;
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving into the drill-down puts keyboard and screen-reader users at its heading, as a page load would.
  useEffect(() => heading.current?.focus(), [org?.duo_account_id]);

  return (
    <section className="coverage drill" aria-labelledby="coverage-drill-title">
      <p><Link to={backTo}>← All organizations</Link></p>
      <h1 id="coverage-drill-title" ref={heading} tabIndex={-1}>
        {org ? `${org.name}: users without MFA` : 'Users without MFA'}
      </h1>
      {report.state === 'loading' && <p role="status">Loading coverage…</p>}
      {report.state === 'error' &&
        (report.error.code === 'not_found' && !snapshot ? (
          <p className="empty-state">No coverage snapshot yet. <Link to="/coverage">Start a run</Link> to see coverage.</p>
        ) : (
          <ErrorView error={report.error} />
        ))}
      {report.state === 'ok' && !org && (
        <div role="alert" className="error">
          <p>This snapshot has no organization {orgKey}. It may have been mapped after the snapshot was taken, or belong to another integration.</p>
        </div>
      )}
      {report.state === 'ok' && org && <OrgUsers report={report.data} org={org} page={Number(loc.query.get('page')) || 1} size={Number(loc.query.get('size')) || 25} filter={loc.query.get('q') ?? ''} />}
    </section>
  );
}

function OrgUsers({ report, org, page, size, filter }: { report: CoverageReport; org: OrganizationCoverage; page: number; size: number; filter: string }) {
  const operate = can(useSession(), 'operate');
  // Follow-on actions run in the organization's Duo account, so they need it mapped (and the operate scope).
  const actionable = operate && org.organization_id !== null;
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 25;
  const users = filterUsers(org.users_without_mfa, filter);
  const pages = Math.max(1, Math.ceil(users.length / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const asOf = Date.parse(report.snapshot.taken_at);
  if (org.status === 'failed') {
    return (
      <div role="alert" className="error">
        <p>The scan of {org.name} failed in the snapshot of {formatDateTime(report.snapshot.taken_at)}: {org.error?.message ?? 'unknown error'}. Start a new run to try again.</p>
      </div>
    );
  }
  return (
    <>
      <p className="snapshot-line">
        {org.users === 0 ? (
          <>No users in {org.name}: nothing to cover. Snapshot of {formatDateTime(report.snapshot.taken_at)}.</>
        ) : (
          <>
            {formatCount(org.no_mfa)} of {formatCount(org.users)} users without MFA ({formatPercent(org.percentages?.no_mfa ?? 0)}); MFA enabled: {formatPercent(org.mfa_percent)}. Snapshot of{' '}
            {formatDateTime(report.snapshot.taken_at)}.
          </>
        )}
      </p>
      <div className="coverage-toolbar">
        <div>
          <label htmlFor="coverage-user-filter">Filter by username or email</label>
          <input id="coverage-user-filter" type="search" value={filter} onChange={(e) => setQuery({ q: e.target.value, page: null })} />
        </div>
        <OrgExports report={report} org={org} users={users} filter={filter} />
      </div>
      {org.users === 0 ? (
        <p className="empty-state">{org.name} has no users in this snapshot: no users, so no coverage to show.</p>
      ) : org.users_without_mfa.length === 0 ? (
        <p className="empty-state">Every user of {org.name} has MFA in this snapshot. Nothing to follow up.</p>
      ) : users.length === 0 ? (
        <p className="empty-state">No user without MFA matches “{filter}”. Clear the filter to see all {formatCount(org.no_mfa)}.</p>
      ) : (
        <>
          {actionable && <SendEnrollmentButton organization={{ id: org.organization_id!, name: org.name }} usernames={users.map((u) => u.username)} />}
          <div className="table-wrap">
            <table className="coverage-users">
              <caption>Users of {org.name} without MFA, by username. Enroll them or remove them.</caption>
              <thead>
                <tr>
                  <th scope="col">Username</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last login</th>
                  <th scope="col">Risky bypass code</th>
                  {actionable && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {pageSlice(users, current, pageSize).map((u) => (
                  <tr key={u.user_id} data-user={u.user_id}>
                    <td>{u.username}</td>
                    <td>{u.email ?? ''}</td>
                    <td><StatusBadge status={u.status} /></td>
                    <td>{formatLastLogin(u.last_login, asOf)}</td>
                    <td>{u.risky_bypass ? 'Yes' : 'No'}</td>
                    {actionable && (
                      <td><UserRowActions user={u} organizationId={org.organization_id!} integrationId={report.snapshot.integration_id} /></td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager label="Users without MFA" page={current} size={pageSize} total={users.length} onPage={(p) => setQuery({ page: p })} onSize={(s) => setQuery({ size: s, page: null })} />
        </>
      )}
      {org.counts && org.percentages && (
        <details className="org-figures">
          <summary>All figures for {org.name}</summary>
          <TotalsPanel counts={org.counts} percentages={org.percentages} scope={org.name} />
        </details>
      )}
    </>
  );
}

function StatusBadge({ status }: { status: string }) {
  const badge = badgeFor('status', status);
  return badge ? <span className={`badge badge-${badge.tone}`}>{badge.text}</span> : <>{formatStatus(status)}</>;
}

/**
 * Exports of what the drill-down shows: this organization's users without MFA as filtered on screen,
 * and its line of figures; built in the page from the snapshot it holds, so nothing of other
 * organizations is in the file.
 */
function OrgExports({ report, org, users, filter }: { report: CoverageReport; org: OrganizationCoverage; users: NoMfaUser[]; filter: string }) {
  const [done, setDone] = useState('');
  const takenAt = report.snapshot.taken_at;
  const filtered = filter.trim() !== '';
  function exportUsers() {
    const name = organizationExportName('users-without-mfa', org.name, takenAt, filtered);
    saveTextFile(name, organizationUsersCsv(takenAt, org, users));
    setDone(`Downloaded ${name} (${users.length} ${users.length === 1 ? 'user' : 'users'}).`);
  }
  function exportFigures() {
    const name = organizationExportName('mfa-coverage', org.name, takenAt, false);
    saveTextFile(name, organizationCoverageCsv(takenAt, org));
    setDone(`Downloaded ${name}.`);
  }
  return (
    <div className="coverage-exports">
      <button type="button" onClick={exportUsers} disabled={users.length === 0}>
        {filtered ? `Export the ${users.length} matching ${users.length === 1 ? 'user' : 'users'} (CSV)` : `Export ${org.name}'s users without MFA (CSV)`}
      </button>
      <button type="button" onClick={exportFigures}>Export {org.name}'s figures (CSV)</button>
      <span role="status" className="ok">{done}</span>
    </div>
  );
}
