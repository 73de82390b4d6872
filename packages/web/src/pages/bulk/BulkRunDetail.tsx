import { useEffect, useRef, useState } from 'react';
import { api, type ApiError } from '../../api-client.ts';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { Link } from '../../ui/Link.tsx';
import type { BulkRunView } from './bulk-types.ts';
import { BulkItemsTable } from './BulkItemsTable.tsx';
import { BulkRunControls } from './BulkRunControls.tsx';
import { BulkStatusBadge } from './BulkStatusBadge.tsx';
import { formatWhen } from './format-when.ts';
import { PlanOutline } from './PlanOutline.tsx';
import { ReportDownloads } from './ReportDownloads.tsx';
import { runProgress } from './run-progress.ts';

/**
 * `/bulk/<id>`: one run. While planned, the review: the plan by organization and action, every call
 * with its target and redacted input, the plan hash, Approve and Run. Once started, the progress
 * (polled about every second while it moves), Pause / Resume / Cancel, and the results with the report.
 */
export function BulkRunDetail({ runId }: { runId: string }) {
  const [run, setRun] = useState<BulkRunView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const path = `/api/bulk-runs/${encodeURIComponent(runId)}`;

  useEffect(() => {
    let live = true;
    void api<BulkRunView>('GET', path).then((res) => {
      if (!live) return;
      if (res.ok) setRun(res.body);
      else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [path]);

  // Arriving here (from the coverage drill-down or the form) puts focus on the run's heading, as a page load would.
  const loaded = run !== null;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  const progress = run ? runProgress(run.status, run.counts) : null;
  const pollMs = progress?.pollMs ?? null;
  useEffect(() => {
    if (pollMs === null) return;
    let live = true;
    const timer = setTimeout(() => {
      void api<BulkRunView>('GET', path).then((res) => {
        if (!live) return;
        if (res.ok) {
          setRun(res.body);
          setError(null);
        } else setError(res.error);
      });
    }, pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // A new answer (even an unchanged one) schedules the next poll.
  }, [pollMs, run, path]);

  if (!run) {
    return (
      <section className="bulk" aria-labelledby="bulk-run-title">
        <p><Link to="/bulk">← All bulk runs</Link></p>
        <h1 id="bulk-run-title">Bulk run</h1>
        {error ? <ErrorView error={error} /> : <p role="status">Loading the run…</p>}
      </section>
    );
  }
  const planned = run.status === 'planned';
  const id = run.id ?? runId;
  // The items follow the run: reloaded whenever a counter or the status changes.
  const itemsKey = `${run.status} ${Object.values(run.counts).join(',')}`;
  return (
    <section className="bulk" aria-labelledby="bulk-run-title">
      <p><Link to="/bulk">← All bulk runs</Link></p>
      <div className="bulk-overview">
        <h1 id="bulk-run-title" ref={heading} tabIndex={-1}>
          {planned ? 'Review the plan: ' : ''}{run.title || run.action_id || id}
        </h1>
        <p className="bulk-headline">
          <BulkStatusBadge of="run" status={run.status} /> <span className="bulk-summary">{run.summary}</span>
        </p>
        <dl className="bulk-facts">
          <div><dt>Action</dt><dd><code>{run.action_id ?? run.plan.by_action.map((a) => a.action_id).join(', ')}</code></dd></div>
          <div><dt>Calls</dt><dd>{run.counts.total} in {run.plan.by_organization.length} {run.plan.by_organization.length === 1 ? 'organization' : 'organizations'}</dd></div>
          <div>
            <dt>Planned</dt>
            <dd>
              {formatWhen(run.created_at)}
              {run.created_by === 'cli' ? ' by the CLI' : run.created_by ? <> by token <code className="mono">{run.created_by}</code></> : ''}
            </dd>
          </div>
          {run.started_at && <div><dt>Started</dt><dd>{formatWhen(run.started_at)}</dd></div>}
          {run.finished_at && <div><dt>Finished</dt><dd>{formatWhen(run.finished_at)}</dd></div>}
          <div className="bulk-hash">
            <dt>Plan hash</dt>
            <dd><code className="mono" id="bulk-plan-hash">{run.plan_hash}</code> <CopyButton value={run.plan_hash} label="Copy hash" /></dd>
          </div>
        </dl>
        {run.notes.length > 0 && (
          <div className="bulk-notes">
            <h2 id="bulk-notes-title">What planning found</h2>
            <ul aria-labelledby="bulk-notes-title">{run.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
          </div>
        )}
        {planned && (
          <p className="hint">
            Running makes exactly these calls: approving and running both send this plan hash, and the hub refuses them if the plan changed.
          </p>
        )}

        <BulkRunControls run={{ ...run, id }} onChange={setRun} />
        {error && <ErrorView error={error} />}

        {!planned && progress && (
          <div className="bulk-progress" role="status" aria-live="polite">
            <progress max={Math.max(1, progress.total)} value={progress.ended} aria-label="Calls finished">{progress.percent}%</progress>
            <span>
              {progress.ended} of {progress.total} calls finished ({progress.percent}%): {run.counts.done} done, {run.counts.failed} failed
              {run.counts.skipped > 0 ? `, ${run.counts.skipped} skipped` : ''}{run.counts.review > 0 ? `, ${run.counts.review} need review` : ''}
              {run.counts.cancelled > 0 ? `, ${run.counts.cancelled} cancelled` : ''}.
            </span>
          </div>
        )}

        <section aria-labelledby="bulk-plan-title">
          <h2 id="bulk-plan-title">{planned ? 'Plan' : 'Plan and progress'}</h2>
          <PlanOutline run={run} />
        </section>
      </div>

      <section aria-labelledby="bulk-items-title">
        <h2 id="bulk-items-title">{planned ? 'Calls' : 'Results'}</h2>
        <BulkItemsTable runId={id} counts={run.counts} planned={planned} reloadKey={itemsKey} />
      </section>

      {!planned && (
        <section aria-labelledby="bulk-report-title">
          <h2 id="bulk-report-title">Report</h2>
          <ReportDownloads runId={id} />
        </section>
      )}
    </section>
  );
}
