import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, listItems, type ApiError } from '../api-client.ts';
import { setQuery, useLocation } from '../router.ts';
import { can, useSession } from '../session.ts';
import { ErrorView } from '../ui/ErrorView.tsx';
import { Pager } from '../ui/Pager.tsx';
import { ALERT_SEVERITIES, alertsApiPath, readAlertFilters, ruleParams, type AlertFilters } from './alerts/alert-filters.ts';
import { formatTime } from './audit/format-time.ts';
// The hub's own answer types: type-only imports, so nothing of the hub reaches the bundle.
import type { AlertRuleView, AlertView } from '../../../hub/src/logs/alerts/alert-schemas.ts';
import './audit/audit.css';
import './alerts/alerts.css';

/**
 * Alerts fired by rules over Duo's logs: filters in the URL, cursor paging, acknowledge (operate
 * scope); for tokens not limited to organizations, the rules with their fleet-wide settings, which
 * admins can turn on and off.
 */
export function AlertsPage() {
  const session = useSession();
  const loc = useLocation();
  const queryKey = loc.query.toString();
  const filters = useMemo(() => readAlertFilters(loc.query), [queryKey]);
  const [draft, setDraft] = useState<AlertFilters>(filters);
  const [size, setSize] = useState(25);
  const [trail, setTrail] = useState<string[]>([]);
  const [page, setPage] = useState<{ items: AlertView[]; next_cursor: string | null } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, ApiError>>({});
  const [reload, setReload] = useState(0);
  const [orgs, setOrgs] = useState<Array<{ id: string; name: string }>>([]);
  const [rules, setRules] = useState<AlertRuleView[] | null>(null);
  const [rulesError, setRulesError] = useState<ApiError | null>(null);
  const orgNames = useMemo(() => new Map(orgs.map((o) => [o.id, o.name])), [orgs]);
  const cursor = trail.length > 0 ? trail[trail.length - 1]! : null;
  const fleet = session.organization_ids === null;

  async function loadRules() {
    const res = await api<{ items: AlertRuleView[] }>('GET', '/api/alert-rules');
    if (res.ok) {
      setRules(listItems(res.body));
      setRulesError(null);
    } else setRulesError(res.error);
  }
  useEffect(() => {
    void api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/organizations').then((r) => r.ok && setOrgs(listItems(r.body)));
    if (fleet) void loadRules();
  }, []);

  useEffect(() => {
    setDraft(filters);
    setTrail([]);
  }, [queryKey]);

  useEffect(() => {
    let live = true;
    setError(null);
    void api<{ items: AlertView[]; next_cursor: string | null }>('GET', alertsApiPath(filters, { limit: size, cursor })).then((res) => {
      if (!live) return;
      if (!res.ok) return setError(res.error);
      setPage(res.body);
    });
    return () => { live = false; };
  }, [queryKey, cursor, size, reload]);

  function apply(e: FormEvent) {
    e.preventDefault();
    setQuery({ status: draft.status, severity: draft.severity, rule: draft.rule, organization_id: draft.organization_id });
  }
  async function acknowledge(a: AlertView) {
    const res = await api<AlertView>('POST', `/api/alerts/${encodeURIComponent(a.id)}/acknowledge`);
    if (!res.ok) return setRowErrors((p) => ({ ...p, [a.id]: res.error }));
    setRowErrors(({ [a.id]: _gone, ...rest }) => rest);
    setReload((n) => n + 1);
  }
  async function toggleRule(r: AlertRuleView) {
    const res = await api<AlertRuleView>('PATCH', `/api/alert-rules/${encodeURIComponent(r.id)}`, { organization_id: null, enabled: !r.fleet.enabled });
    if (!res.ok) return setRulesError(res.error);
    await loadRules();
  }

  const ruleTitles = new Map((rules ?? []).map((r) => [r.id, r.title]));
  return (
    <section aria-labelledby="alerts-h">
      <h1 id="alerts-h">Alerts</h1>
      <p className="hint">Rules over Duo&apos;s logs as the hub syncs them: bypass codes and bypass status, pushes marked as fraud, repeated denials, new or raised administrators, policy and settings changes, new applications and viewed secret keys, and Trust Monitor events. Each fires once per event.</p>
      <form className="alert-filters" onSubmit={apply} aria-label="Alert filters">
        <div>
          <label htmlFor="alf-status">Status</label>
          <select id="alf-status" value={draft.status} onChange={(e) => setDraft((d) => ({ ...d, status: e.target.value as AlertFilters['status'] }))}>
            <option value="open">Open</option>
            <option value="acknowledged">Acknowledged</option>
            <option value="all">All</option>
          </select>
        </div>
        <div>
          <label htmlFor="alf-severity">Severity</label>
          <select id="alf-severity" value={draft.severity} onChange={(e) => setDraft((d) => ({ ...d, severity: e.target.value }))}>
            <option value="">Any severity</option>
            {ALERT_SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        {rules && (
          <div>
            <label htmlFor="alf-rule">Rule</label>
            <select id="alf-rule" value={draft.rule} onChange={(e) => setDraft((d) => ({ ...d, rule: e.target.value }))}>
              <option value="">Any rule</option>
              {rules.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="alf-org">Organization</label>
          <select id="alf-org" value={draft.organization_id} onChange={(e) => setDraft((d) => ({ ...d, organization_id: e.target.value }))}>
            <option value="">Any organization</option>
            {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div className="audit-filter-buttons">
          <button type="submit">Apply filters</button>
        </div>
      </form>
      {error && <ErrorView error={error} />}
      {!page && !error && <p role="status">Loading alerts…</p>}
      {page && page.items.length === 0 && (
        <p className="empty" role="status">
          {filters.status === 'open' ? 'No open alerts. Alerts appear here as rules fire on newly synced Duo logs.' : 'No alerts match these filters.'}
        </p>
      )}
      {page && page.items.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Alerts" className="alerts-table">
            <thead>
              <tr><th scope="col">When</th><th scope="col">Severity</th><th scope="col">Alert</th><th scope="col">Organization</th><th scope="col">User</th><th scope="col">Status</th></tr>
            </thead>
            <tbody>
              {page.items.map((a) => (
                <tr key={a.id} data-alert-id={a.id} data-rule={a.rule}>
                  <td><time dateTime={a.occurred_at}>{formatTime(a.occurred_at)}</time></td>
                  <td className={`severity severity-${a.severity}`}>{a.severity}</td>
                  <td>{a.title}<div className="alert-rule">{ruleTitles.get(a.rule) ?? a.rule_title}</div></td>
                  <td>{a.organization_id ? (orgNames.get(a.organization_id) ?? a.organization_id) : <span className="hint">unmapped account {a.duo_account_id}</span>}</td>
                  <td>{a.username ?? '—'}</td>
                  <td className="alert-status">
                    {a.acknowledged_at ? (
                      <>Acknowledged <time dateTime={a.acknowledged_at}>{formatTime(a.acknowledged_at)}</time></>
                    ) : (
                      <>
                        Open{' '}
                        {can(session, 'operate') && <button type="button" onClick={() => void acknowledge(a)} aria-label={`Acknowledge: ${a.title}`}>Acknowledge</button>}
                      </>
                    )}
                    {rowErrors[a.id] && <ErrorView error={rowErrors[a.id]!} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(page || trail.length > 0) && (
        <Pager
          label="Alerts"
          page={trail.length + 1}
          size={size}
          hasNext={Boolean(page?.next_cursor)}
          onPage={(n) => {
            if (n > trail.length + 1 && page?.next_cursor) setTrail((t) => [...t, page.next_cursor!]);
            else if (n < trail.length + 1) setTrail((t) => t.slice(0, n - 1));
          }}
          onSize={(s) => {
            setSize(s);
            setTrail([]);
          }}
        />
      )}
      {fleet && (
        <section aria-labelledby="alert-rules-h">
          <h2 id="alert-rules-h">Rules</h2>
          <p className="hint">Fleet-wide settings; per-organization settings and the repeated-denials threshold are set with <code>duohub logs alerts rule</code> or <code>PATCH /api/alert-rules/&#123;id&#125;</code>.</p>
          {rulesError && <ErrorView error={rulesError} />}
          {rules && (
            <div className="table-wrap">
              <table aria-label="Alert rules">
                <thead>
                  <tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">Threshold</th><th scope="col">Organization settings</th><th scope="col">Fleet-wide</th></tr>
                </thead>
                <tbody>
                  {rules.map((r) => (
                    <tr key={r.id} data-rule-id={r.id}>
                      <td>{r.title}<div className="alert-rule">{r.description}</div></td>
                      <td className={`severity severity-${r.severity}`}>{r.severity}</td>
                      <td>{ruleParams(r.fleet.params)}</td>
                      <td>{r.organizations.length === 0 ? 'None' : r.organizations.map((o) => orgNames.get(o.organization_id) ?? o.organization_id).join(', ')}</td>
                      <td className="rule-state">
                        {r.fleet.enabled ? 'On' : 'Off'}{' '}
                        {can(session, 'admin') && <button type="button" onClick={() => void toggleRule(r)} aria-label={`${r.fleet.enabled ? 'Turn off' : 'Turn on'}: ${r.title}`}>{r.fleet.enabled ? 'Turn off' : 'Turn on'}</button>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
