import { useState } from 'react';
import { listItems } from '../../api-client.ts';
import { setQuery, useLocation } from '../../router.ts';
import { can, useSession } from '../../session.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { Link } from '../../ui/Link.tsx';
import type { CoverageRun, CoverageSummary, CoverageTrend, IntegrationSummary } from './coverage-api.ts';
import { DiffPanel } from './DiffPanel.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { coveragePercentText } from './drill-csv.ts';
import { formatCount, formatDateTime, formatPercent } from './format.ts';
import { OrgBarChart } from './OrgBarChart.tsx';
import { drillPath, orgKey } from './org-key.ts';
import { formatChange, previousPercents } from './previous-percents.ts';
import { RunPanel } from './RunPanel.tsx';
import { sortBars } from './bar-chart-layout.ts';
import { TotalsPanel } from './TotalsPanel.tsx';
import { TrendChart } from './TrendChart.tsx';
import { useApiData } from '../../ui/use-api-data.ts';

/** Snapshots the trend and the snapshot picker offer. */
const TREND_POINTS = 60;

/** Why this session may not start a run, or null when it may. */
function runBlocked(operate: boolean, limited: boolean, integration: IntegrationSummary | undefined, integrationsKnown: boolean): string | null {
  if (limited) return 'Runs cover the whole fleet, so a token limited to organizations cannot start them.';
  if (!operate) return 'Starting a run needs a token with the operate scope.';
  if (integrationsKnown && !integration) return 'No integration yet: add one with Accounts API keys on the Integrations page.';
  if (integration && !integration.accounts) return `The integration ${integration.name} has no Accounts API keys; add them on the Integrations page.`;
  return null;
}

/** The fleet dashboard at `/coverage`: runs, totals, per-organization chart and table, trend, diff. */
export function CoverageDashboard() {
  const session = useSession();
  const loc = useLocation();
  const limited = session.organization_ids !== null;
  const snapshotParam = loc.query.get('snapshot');
  const integrationParam = loc.query.get('integration');
  const [reloadKey, setReloadKey] = useState(0);

  const integrations = useApiData<{ items: IntegrationSummary[] }>(limited ? null : '/api/integrations');
  const integrationList = integrations.state === 'ok' ? listItems(integrations.data) : [];
  const reportQuery = new URLSearchParams();
  if (snapshotParam) reportQuery.set('run', snapshotParam);
  if (integrationParam) reportQuery.set('integration_id', integrationParam);
  // The figures alone: an organization's users without MFA load on its own page.
  reportQuery.set('include_users', 'false');
  const report = useApiData<CoverageSummary>(`/api/reports/mfa-coverage?${reportQuery}`, reloadKey);
  const shownIntegration = report.state === 'ok' ? report.data.snapshot.integration_id : integrationParam;
  const trendQuery = new URLSearchParams({ limit: String(TREND_POINTS) });
  if (shownIntegration) trendQuery.set('integration_id', shownIntegration);
  const trend = useApiData<CoverageTrend>(report.state === 'loading' ? null : `/api/reports/mfa-coverage/trend?${trendQuery}`, reloadKey);

  // Runs go to the integration shown; before any snapshot, to the chosen one or the first with Accounts API keys.
  const runIntegration =
    integrationList.find((i) => i.id === shownIntegration) ?? integrationList.find((i) => i.accounts !== null) ?? integrationList[0];
  const runIntegrationId = shownIntegration ?? runIntegration?.id ?? null;
  const blocked = runBlocked(can(session, 'operate'), limited, runIntegration, integrations.state === 'ok');

  function onRunFinished(run: CoverageRun) {
    if (run.status !== 'done') return;
    // The new snapshot is the latest: leave any older one picked and show it.
    if (snapshotParam) setQuery({ snapshot: null });
    setReloadKey((k) => k + 1);
  }

  const points = trend.state === 'ok' ? trend.data.points : [];
  return (
    <section className="coverage" aria-labelledby="coverage-title">
      <h1 id="coverage-title">MFA coverage</h1>
      <div className="coverage-toolbar">
        {integrationList.length > 1 && (
          <div>
            <label htmlFor="coverage-integration">Integration</label>
            <select id="coverage-integration" value={shownIntegration ?? ''} onChange={(e) => setQuery({ integration: e.target.value, snapshot: null })}>
              {!shownIntegration && <option value="">Latest snapshot of any</option>}
              {integrationList.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </div>
        )}
        {points.length > 0 && report.state === 'ok' && (
          <div>
            <label htmlFor="coverage-snapshot">Snapshot</label>
            <select
              id="coverage-snapshot"
              value={report.data.snapshot.id}
              onChange={(e) => {
                const latest = points[points.length - 1]?.snapshot_id;
                setQuery({ snapshot: e.target.value === latest ? null : e.target.value });
              }}
            >
              {[...points].reverse().map((p, i) => (
                <option key={p.snapshot_id} value={p.snapshot_id}>
                  {formatDateTime(p.taken_at, { seconds: true })}{i === 0 ? ' (latest)' : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        {report.state === 'ok' && <ExportButtons snapshotId={report.data.snapshot.id} takenAt={report.data.snapshot.taken_at} />}
      </div>

      <RunPanel integrationId={runIntegrationId} blocked={blocked} canList={!limited} onFinished={onRunFinished} />

      {report.state === 'loading' && <p role="status">Loading coverage…</p>}
      {report.state === 'error' &&
        (report.error.code === 'not_found' && !snapshotParam ? (
          <div className="empty-state">
            <h2>No coverage yet</h2>
            <p>Start a run to see coverage: it scans every Duo child account of the integration and keeps a dated snapshot.</p>
            {blocked && <p>{blocked}</p>}
            {integrations.state === 'ok' && integrationList.length === 0 && (
              <p><Link to="/integrations">Add an integration</Link> first.</p>
            )}
          </div>
        ) : (
          <>
            <ErrorView error={report.error} />
            {snapshotParam && <p><Link to="/coverage">Show the latest snapshot</Link></p>}
          </>
        ))}
      {report.state === 'ok' && <ReportView report={report.data} points={points} trendLoaded={trend.state !== 'loading'} integration={integrationParam} limited={limited} />}
      {trend.state === 'error' && <ErrorView error={trend.error} />}
    </section>
  );
}

function ReportView(props: { report: CoverageSummary; points: CoverageTrend['points']; trendLoaded: boolean; integration: string | null; limited: boolean }) {
  const { report, points, trendLoaded, integration, limited } = props;
  const { snapshot, totals } = report;
  const before = previousPercents(points, snapshot.id);
  // An organization without users has no percentage: "no users", never a 0% that reads as a failure.
  const ordered = sortBars(
    report.organizations.map((o) => ({
      key: orgKey(o),
      label: o.name,
      percent: o.status === 'ok' && o.users > 0 ? o.mfa_percent : null,
      ...(o.status === 'ok' && o.users === 0 ? { note: 'no users' } : {}),
    })),
  );
  const byKey = new Map(report.organizations.map((o) => [orgKey(o), o]));
  const isLatest = points.length === 0 || points[points.length - 1]?.snapshot_id === snapshot.id;
  const linkQuery = { snapshot: isLatest ? null : snapshot.id, integration };
  return (
    <>
      <p className="snapshot-line">
        Snapshot of {formatDateTime(snapshot.taken_at)}{isLatest ? ' (latest)' : ''}: {formatCount(totals.scanned)} of {formatCount(totals.organizations)} organizations
        scanned{totals.failed > 0 ? `, ${formatCount(totals.failed)} failed (left out of the totals)` : ''}.
      </p>
      <section aria-labelledby="coverage-totals-title">
        <h2 id="coverage-totals-title">{limited ? 'Totals of your organizations' : 'Fleet totals'}</h2>
        <TotalsPanel counts={totals.counts} percentages={totals.percentages} scope={limited ? 'Your organizations' : 'Fleet'} />
      </section>
      <section aria-labelledby="coverage-orgs-title">
        <h2 id="coverage-orgs-title">By organization</h2>
        {report.organizations.length === 0 ? (
          <p className="empty-state">This snapshot has no organizations: the integration has no Duo child accounts{report.totals.organizations === 0 ? ' you may see' : ''}. Map organizations on the <Link to="/organizations">Organizations</Link> page.</p>
        ) : (
          <>
            <OrgBarChart rows={ordered} />
            <div className="table-wrap">
              <table className="coverage-orgs">
                <caption>MFA coverage per organization, lowest first. Choose an organization to see its users without MFA.</caption>
                <thead>
                  <tr>
                    <th scope="col">Organization</th>
                    <th scope="col">Users</th>
                    <th scope="col">MFA enabled</th>
                    <th scope="col">Without MFA</th>
                    <th scope="col">MFA-enabled %</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {ordered.map((row) => {
                    const o = byKey.get(row.key)!;
                    return (
                      <tr key={row.key} data-org={row.key}>
                        <th scope="row">
                          <Link to={drillPath(row.key, linkQuery)}>{o.name}</Link>
                          {o.organization_id === null && <span className="hint"> (not mapped)</span>}
                        </th>
                        {o.status === 'ok' ? (
                          <>
                            <td>{formatCount(o.users)}</td>
                            <td>{formatCount(o.mfa)}</td>
                            <td>{formatCount(o.no_mfa)}</td>
                            <td data-col="percent">{coveragePercentText(o, formatPercent)}</td>
                            <td>{o.users === 0 ? '—' : formatChange(o.mfa_percent, before.get(o.duo_account_id))}</td>
                          </>
                        ) : (
                          <td colSpan={5} className="error">Scan failed: {o.error?.message ?? 'unknown error'}</td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="coverage-trend-title">
        <h2 id="coverage-trend-title">Trend</h2>
        {!trendLoaded ? (
          <p role="status">Loading trend…</p>
        ) : points.length < 2 ? (
          <p className="empty-state">One snapshot so far. Each run adds a point here; schedule runs (DUOHUB_COVERAGE_SCHEDULE) to see the trend build up.</p>
        ) : (
          <TrendChart label={limited ? 'MFA-enabled % of your organizations by snapshot' : 'Fleet MFA-enabled % by snapshot'} points={points.map((p) => ({ key: p.snapshot_id, takenAt: p.taken_at, percent: p.mfa_percent }))} />
        )}
      </section>
      {points.length >= 2 && <DiffPanel key={`${points[points.length - 1]?.snapshot_id}-${snapshot.id}`} points={points} defaultTo={snapshot.id} />}
    </>
  );
}
