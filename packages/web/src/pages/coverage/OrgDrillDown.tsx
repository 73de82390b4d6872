import { useEffect, useRef } from 'react';
import { setQuery, useLocation } from '../../router.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { Link } from '../../ui/Link.tsx';
import { PAGE_SIZES, Pager, pageSlice } from '../../ui/Pager.tsx';
import type { CoverageReport, OrganizationCoverage } from './coverage-api.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { formatCount, formatDateTime, formatLastLogin, formatPercent, formatStatus } from './format.ts';
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
  if (integration) q.set('integrationId', integration);
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
        {formatCount(org.no_mfa)} of {formatCount(org.users)} users without MFA ({formatPercent(org.percentages?.noMfa ?? 0)}); MFA enabled: {formatPercent(org.mfa_percent)}. Snapshot of{' '}
        {formatDateTime(report.snapshot.taken_at)}.
      </p>
      <div className="coverage-toolbar">
        <div>
          <label htmlFor="coverage-user-filter">Filter by username or email</label>
          <input id="coverage-user-filter" type="search" value={filter} onChange={(e) => setQuery({ q: e.target.value, page: null })} />
        </div>
        <ExportButtons snapshotId={report.snapshot.id} takenAt={report.snapshot.taken_at} />
      </div>
      {org.users_without_mfa.length === 0 ? (
        <p className="empty-state">Every user of {org.name} has MFA in this snapshot. Nothing to follow up.</p>
      ) : users.length === 0 ? (
        <p className="empty-state">No user without MFA matches “{filter}”. Clear the filter to see all {formatCount(org.no_mfa)}.</p>
      ) : (
        <>
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
                </tr>
              </thead>
              <tbody>
                {pageSlice(users, current, pageSize).map((u) => (
                  <tr key={u.user_id} data-user={u.user_id}>
                    <td>{u.username}</td>
                    <td>{u.email ?? ''}</td>
                    <td>{formatStatus(u.status)}</td>
                    <td>{formatLastLogin(u.last_login, asOf)}</td>
                    <td>{u.riskyBypass ? 'Yes' : 'No'}</td>
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
