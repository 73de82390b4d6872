import type { LogDashboard } from '../../../../hub/src/logs/search/log-dashboard.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { useApiData } from '../../ui/use-api-data.ts';
import { BarList } from './BarList.tsx';

/**
 * Figures of the organization chosen in the filters (or every organization the token sees) over the
 * chosen time range: authentications (cards, factors used, results per day, top failing users), then
 * administrator actions, telephony credits, Trust Monitor events and offline enrollment.
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
  const other = [
    { id: 'admin_actions', label: 'Administrator actions', value: d.administrator.actions },
    { id: 'telephony_events', label: 'Telephony events', value: d.telephony.events },
    { id: 'telephony_credits', label: 'Telephony credits used', value: d.telephony.credits_used },
    { id: 'trust_monitor', label: 'Trust Monitor events', value: d.trust_monitor.events },
    { id: 'offline_enrollment', label: 'Offline enrollment events', value: d.offline_enrollment.events },
  ];
  const named = (list: ReadonlyArray<{ name: string; count: number }>) => list.map((n) => ({ key: n.name, label: n.name, value: n.count }));
  return (
    <>
      <p className="hint">
        From {new Date(d.scope.since).toLocaleString()}{d.scope.until ? ` until ${new Date(d.scope.until).toLocaleString()}` : ''}; days in your time zone.
      </p>
      <h3>Authentications</h3>
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
      <h3>Administrators, telephony, Trust Monitor and offline enrollment</h3>
      <ul className="cards" aria-label="Other log figures">
        {other.map((c) => (
          <li key={c.id} className={`card card-${c.id}`} data-figure={c.id}>
            <span className="card-label">{c.label}</span>
            <span className="card-value">{c.value}</span>
          </li>
        ))}
      </ul>
      <div className="logs-dash-lists">
        <BarList caption="Administrator actions" unit="Actions" empty="No administrator actions in this range." items={named(d.administrator.top_actions)} />
        <BarList
          caption="Most active administrators"
          unit="Actions"
          empty="No administrator actions in this range."
          items={d.administrator.top_administrators.map((a) => ({
            key: a.username,
            label: a.username,
            value: a.actions,
            extra: <span className="hint"> (last {new Date(a.last_action_at).toLocaleString()})</span>,
          }))}
        />
        <BarList
          caption="Telephony"
          unit="Events"
          empty="No telephony in this range."
          items={d.telephony.by_type.map((t) => ({ key: t.type, label: t.type, value: t.events, extra: <span className="hint"> ({t.credits} credits)</span> }))}
        />
        <BarList caption="Trust Monitor events" unit="Events" empty="No Trust Monitor events in this range." items={named(d.trust_monitor.by_type)} />
        <BarList caption="Offline enrollment" unit="Events" empty="No offline enrollment in this range." items={named(d.offline_enrollment.by_action)} />
      </div>
    </>
  );
}
