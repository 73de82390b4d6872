import { useState } from 'react';
import { listItems } from '../../api-client.ts';
import { setQuery, useLocation } from '../../router.ts';
import { useSession } from '../../session.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { useApiData } from '../../ui/use-api-data.ts';
import { formatCount, formatDateTime } from '../coverage/format.ts';
import type { SeatsIntegration, SeatsReport } from './seats-api.ts';
import { seatsPath } from './seats-format.ts';
import { SeatsExportButton } from './SeatsExportButton.tsx';
import { SeatsTable } from './SeatsTable.tsx';
import './seats.css';

/**
 * `/seats`: users by status and enrollment, billable users, edition and telephony credits per Duo
 * account (what an MSP reconciles against its PSA each month), read live from Duo, with a CSV download.
 */
export function SeatsPage() {
  const session = useSession();
  const loc = useLocation();
  const limited = session.organization_ids !== null;
  const integrationId = loc.query.get('integration');
  const [reloadKey, setReloadKey] = useState(0);
  const integrations = useApiData<{ items: SeatsIntegration[] }>(limited ? null : '/api/integrations');
  const integrationList = integrations.state === 'ok' ? listItems(integrations.data) : [];
  const report = useApiData<SeatsReport>(seatsPath(integrationId), reloadKey);
  const scope = limited ? 'Your organizations' : 'Fleet total';

  return (
    <section className="seats" aria-labelledby="seats-title">
      <h1 id="seats-title">Seats and billing</h1>
      <p className="hint">
        Read live from Duo for each account: the parent and every child{limited ? ' of your organizations' : ''}. Use the CSV to reconcile seats against your PSA.
      </p>
      <div className="seats-toolbar">
        {integrationList.length > 1 && (
          <div>
            <label htmlFor="seats-integration">Integration</label>
            <select id="seats-integration" value={integrationId ?? ''} onChange={(e) => setQuery({ integration: e.target.value || null })}>
              <option value="">All integrations</option>
              {integrationList.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </div>
        )}
        <button type="button" disabled={report.state === 'loading'} onClick={() => setReloadKey((k) => k + 1)}>
          {report.state === 'loading' ? 'Reading Duo…' : 'Refresh'}
        </button>
        <SeatsExportButton integrationId={integrationId} />
      </div>

      {report.state === 'loading' && <p role="status">Reading every account from Duo…</p>}
      {report.state === 'error' && <ErrorView error={report.error} />}
      {report.state === 'ok' && (
        <>
          <p className="generated-line">
            As of {formatDateTime(report.data.generated_at, { seconds: true })}: {formatCount(report.data.totals.accounts_ok)} of {formatCount(report.data.totals.accounts)} accounts
            read{report.data.totals.accounts_failed > 0 ? `, ${formatCount(report.data.totals.accounts_failed)} failed (left out of the totals)` : ''}.
          </p>
          <section aria-labelledby="seats-totals-title">
            <h2 id="seats-totals-title">{scope}</h2>
            <ul className="cards" aria-label={`${scope}: headline figures`}>
              <Card id="billable" label="Billable users" value={report.data.totals.counts.billable} />
              <Card id="users" label="Users" value={report.data.totals.counts.users} />
              <Card id="not_enrolled" label="Not enrolled" value={report.data.totals.counts.not_enrolled} />
              <Card id="telephony_credits" label="Telephony credits" value={report.data.totals.telephony_credits} />
            </ul>
          </section>
          <section aria-labelledby="seats-accounts-title">
            <h2 id="seats-accounts-title">By Duo account</h2>
            <SeatsTable report={report.data} scope={scope} />
            <p className="hint">Billable ({report.data.billable_basis}): {report.data.billable_rule}</p>
          </section>
        </>
      )}
    </section>
  );
}

function Card({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <li className={`card card-${id}`} data-figure={id}>
      <span className="card-label">{label}</span>
      <span className="card-value">{formatCount(value)}</span>
    </li>
  );
}
