import type { LogDashboard } from '../../../../hub/src/logs/search/log-dashboard.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { useApiData } from '../../ui/use-api-data.ts';
import { BarList } from './BarList.tsx';

/**
 * Authentication figures of the organization chosen in the filters (or every organization the
 * token sees) over the chosen time range: cards, factors used, results per day, top failing users.
 */
export function LogsDashboard({ path, scope, onUser }: { path: string; scope: string; onUser(username: string): void }) {
  const data = useApiData<LogDashboard>(path);
  return (
    <section className="logs-dashboard" aria-labelledby="logs-dash-h">
      <h2 id="logs-dash-h">Dashboard: {scope}</h2>
      {data.state === 'loading' && <p role="status">Loading figures…</p>}
      {data.state === 'error' && <ErrorView error={data.error} />}
      {data.state === 'ok' && <Figures d={data.data} onUser={onUser} />}
    </section>
  );
}

function Figures({ d, onUser }: { d: LogDashboard; onUser(username: string): void }) {
  const cards = [
    { id: 'authentications', label: 'Authentications', value: d.totals.authentications },
    { id: 'success', label: 'Approved', value: d.totals.success },
    { id: 'denied', label: 'Denied', value: d.totals.denied },
    { id: 'fraud', label: 'Reported as fraud', value: d.totals.fraud },
  ];
  return (
    <>
      <p className="hint">
        Authentication log only, from {new Date(d.scope.since).toLocaleString()}{d.scope.until ? ` until ${new Date(d.scope.until).toLocaleString()}` : ''}; days in your time zone.
      </p>
      <ul className="cards" aria-label="Authentication figures">
        {cards.map((c) => (
          <li key={c.id} className={`card card-${c.id}`} data-figure={c.id}>
            <span className="card-label">{c.label}</span>
            <span className="card-value">{c.value}</span>
          </li>
        ))}
      </ul>
      <div className="logs-dash-lists">
        <BarList caption="Factors used" unit="Authentications" empty="No authentications in this range." items={d.factors.map((f) => ({ key: f.factor, label: f.factor, value: f.count }))} />
        <BarList
          caption="Top failing users"
          unit="Denied or fraud"
          empty="No denied or fraud authentications in this range."
          items={d.top_failing_users.map((u) => ({
            key: u.username,
            label: (
              <button type="button" className="link-button" onClick={() => onUser(u.username)} title={`Show ${u.username}'s entries`}>
                {u.username}
              </button>
            ),
            value: u.failures,
            extra: <span className="hint"> ({u.denied} denied, {u.fraud} fraud)</span>,
          }))}
        />
        <BarList
          caption="Results per day"
          unit="Authentications"
          empty="No authentications in this range."
          items={d.results_by_day.map((day) => ({
            key: day.day,
            label: day.day,
            value: day.total,
            extra: (
              <span className="hint">
                {' '}({Object.entries(day.results).sort(([a], [b]) => a.localeCompare(b)).map(([result, n]) => `${n} ${result}`).join(', ')})
              </span>
            ),
          }))}
        />
      </div>
    </>
  );
}
