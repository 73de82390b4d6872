import { useEffect, useRef, useState } from 'react';
import { api, listItems, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import type { CoverageRun, CoverageRunDetail } from './coverage-api.ts';
import { formatCount, formatDateTime, formatStatus } from './format.ts';
import { runSummary } from './run-summary.ts';

/** How often an active run is polled: often enough to feel live, rare enough to be cheap. */
const POLL_MS = 1000;

/**
 * The tasks a poll asks for: the accounts under way and those that failed. The progress bar counts
 * the rest; every account's row each second would grow with the fleet (a thousand rows a poll).
 */
const LIVE_TASKS = 'running,failed';

const hasTasks = (run: CoverageRun | CoverageRunDetail | null): run is CoverageRunDetail => !!run && Array.isArray((run as CoverageRunDetail).tasks);

/**
 * Starts a fleet run of the chosen integration and follows it: progress is polled while the run is
 * queued or running (also one found running on arrival, such as a scheduled run), can be cancelled,
 * and `onFinished` is told when it ends so the dashboard can load the new snapshot.
 * `blocked` is why this session may not start one (shown beside the disabled button), or null.
 * `canList` is false for tokens that may not see runs at all (limited to organizations).
 */
export function RunPanel(props: { integrationId: string | null; blocked: string | null; canList: boolean; onFinished(run: CoverageRun): void }) {
  const { integrationId, blocked, canList } = props;
  const [run, setRun] = useState<CoverageRun | CoverageRunDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const onFinished = useRef(props.onFinished);
  onFinished.current = props.onFinished;

  useEffect(() => {
    setRun(null);
    if (!canList || !integrationId) return;
    let live = true;
    void api<{ items: CoverageRun[] }>('GET', `/api/reports/mfa-coverage/runs?limit=1&integration_id=${encodeURIComponent(integrationId)}`).then((res) => {
      if (!live) return;
      if (res.ok) setRun(listItems(res.body)[0] ?? null);
      else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [canList, integrationId]);

  const summary = run ? runSummary(run) : null;
  const activeId = run && summary?.active ? run.id : null;

  useEffect(() => {
    if (!activeId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const res = await api<CoverageRunDetail>('GET', `/api/reports/mfa-coverage/runs/${encodeURIComponent(activeId)}?tasks=${LIVE_TASKS}`);
      if (!live) return;
      if (res.ok) {
        setRun(res.body);
        setError(null);
        if (!runSummary(res.body).active) {
          onFinished.current(res.body);
          return;
        }
      } else setError(res.error);
      timer = setTimeout(() => void tick(), POLL_MS);
    };
    timer = setTimeout(() => void tick(), POLL_MS / 4);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [activeId]);

  async function start() {
    if (!integrationId) return;
    setBusy(true);
    setError(null);
    const res = await api<CoverageRun>('POST', '/api/reports/mfa-coverage/runs', { integration_id: integrationId });
    setBusy(false);
    if (res.ok) setRun(res.body);
    else setError(res.error);
  }

  async function cancel() {
    if (!run) return;
    setBusy(true);
    setError(null);
    const res = await api<CoverageRun>('POST', `/api/reports/mfa-coverage/runs/${encodeURIComponent(run.id)}/cancel`);
    setBusy(false);
    if (res.ok) setRun(res.body);
    else {
      setError(res.error);
      // The run may have ended meanwhile; show how.
      const now = await api<CoverageRunDetail>('GET', `/api/reports/mfa-coverage/runs/${encodeURIComponent(run.id)}?tasks=${LIVE_TASKS}`);
      if (now.ok) setRun(now.body);
    }
  }

  const active = summary?.active ?? false;
  const failedTasks = hasTasks(run) ? run.tasks.filter((t) => t.status === 'failed') : [];
  const showTasks = hasTasks(run) && run.tasks.length > 0 && (active || failedTasks.length > 0);
  // Once the run is over only its failures are left to show.
  const shownTasks = hasTasks(run) ? (active ? run.tasks : failedTasks) : [];
  return (
    <section className="run-panel" aria-labelledby="coverage-runs-title">
      <h2 id="coverage-runs-title">Runs</h2>
      <div className="run-actions">
        <button type="button" disabled={blocked !== null || busy || active || !integrationId} aria-describedby={blocked ? 'coverage-run-blocked' : undefined} onClick={() => void start()}>
          Start a run
        </button>
        {active && canList && (
          <button type="button" disabled={busy} onClick={() => void cancel()}>
            Cancel run
          </button>
        )}
        {blocked && (
          <span id="coverage-run-blocked" className="hint">
            {blocked}
          </span>
        )}
      </div>
      <div role="status" aria-live="polite" className={`run-status run-tone-${summary?.tone ?? 'none'}`}>
        {run && summary && (
          <>
            <p className="run-headline">
              {summary.active || summary.tone !== 'ok' ? summary.headline : `Last run finished ${formatDateTime(run.finished_at ?? run.as_of)}.`}
            </p>
            <p className="run-detail">{summary.detail}.</p>
          </>
        )}
      </div>
      {active && summary && (
        <progress className="run-progress" max={Math.max(1, summary.total)} value={summary.done} aria-label="Accounts done">
          {summary.done} of {summary.total}
        </progress>
      )}
      {showTasks && hasTasks(run) && (
        <div className="table-wrap">
          <table className="run-tasks">
            <caption>{active ? 'Accounts under way or failed' : 'Accounts that could not be scanned'}</caption>
            <thead>
              <tr><th scope="col">Account</th><th scope="col">Status</th><th scope="col">Users seen</th><th scope="col">Problem</th></tr>
            </thead>
            <tbody>
              {shownTasks.map((t) => (
                <tr key={t.account_id} data-status={t.status}>
                  <td>{t.name}</td>
                  <td>{formatStatus(t.status)}</td>
                  <td>{formatCount(t.users_seen)}</td>
                  <td>{t.error?.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && <ErrorView error={error} />}
    </section>
  );
}
