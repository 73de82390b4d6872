import { useState } from 'react';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { Pager, pageSlice } from '../../ui/Pager.tsx';
import { dryRunReport, oneTimeCodes } from './result-extras.ts';
import { Link } from '../../ui/Link.tsx';
import { epochMillis, formatInstant, viewerTimeZone } from './epoch-fields.ts';
import { preferredColumns } from './result-columns.ts';
import { resultSummary } from './result-summary.ts';
import { compactValue, resultTable } from './result-table.ts';
import { badgeFor } from './status-badge.ts';

/** How a result with a table view is shown; the runner keeps the choice across runs. */
export type ResultViewMode = 'table' | 'json';

/** Props of ResultView: the run's answer, the view choice, and how to fetch the next page (list actions). */
export interface ResultViewProps {
  dryRun: boolean;
  output: unknown;
  view: ResultViewMode;
  onView(v: ResultViewMode): void;
  onNextPage?: (offset: number) => void;
  /** The catalog resource of the action (`users`, `phones`...): picks the columns, summary and row actions. */
  resource?: string;
  /** Follow-on actions for a row, as links that open each action's form prefilled. */
  rowLink?: (row: Record<string, unknown>) => RowLink[];
  /** Where the run went, in words, repeated above the answer. */
  ranOn?: string;
}

/** A follow-on action on one result row: its label, what it acts on (for screen readers) and where it goes. */
export interface RowLink {
  label: string;
  subject: string;
  to: string;
}

/** An action's answer: a dry-run report, one-time codes, or the output as a table or JSON. */
export function ResultView(props: ResultViewProps) {
  const { output } = props;
  const report = dryRunReport(output);
  if (report) {
    return (
      <section className="act-dry-run" aria-labelledby="dry-run-h">
        <h3 id="dry-run-h">Dry run: nothing was changed</h3>
        {props.ranOn && <p className="act-ran-on">Checked on <strong>{props.ranOn}</strong>.</p>}
        <p className="act-dry-run-changes">{sentence(report.changes)}</p>
        {report.diff && Object.keys(report.diff).length > 0 && (
          <div className="table-wrap">
            <table>
              <caption>Changes a real run would make</caption>
              <thead><tr><th scope="col">Setting</th><th scope="col">Now</th><th scope="col">After</th></tr></thead>
              <tbody>
                {Object.entries(report.diff).map(([k, d]) => (
                  <tr key={k}><th scope="row">{k}</th><td>{compactValue(d.from)}</td><td>{compactValue(d.to)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h4>Target as Duo holds it now</h4>
        <JsonBlock value={report.target} label="Dry-run target" />
      </section>
    );
  }
  const codes = oneTimeCodes(output);
  if (codes) return <OneTimeCodes codes={codes} output={output} ranOn={props.ranOn} />;
  return <OutputView {...props} />;
}

function OneTimeCodes({ codes, output, ranOn }: { codes: string[]; output: unknown; ranOn?: string | undefined }) {
  const o = output as { user_id?: unknown; preserve_existing?: unknown };
  return (
    <section className="act-one-time" aria-labelledby="one-time-h">
      <h3 id="one-time-h">New bypass codes: shown once</h3>
      <p>
        Copy them now. duohub does not store them, and they are gone when you leave this page; Duo only keeps
        their metadata.{typeof o.user_id === 'string' ? ` User: ${o.user_id}.` : ''}{ranOn ? ` Account: ${ranOn}.` : ''}
        {o.preserve_existing === false ? ' The user’s earlier codes were replaced.' : ' The user’s earlier codes were kept.'}
      </p>
      <ol className="act-codes" aria-label="Bypass codes">
        {codes.map((c, i) => <li key={i}><code>{c}</code></li>)}
      </ol>
      <CopyButton value={codes.join('\n')} label="Copy codes" />
    </section>
  );
}

function OutputView({ dryRun, output, onNextPage, view: preferred, onView: setView, resource = '', rowLink, ranOn }: ResultViewProps) {
  const table = resultTable(output);
  const view = table ? preferred : 'json';
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(25);
  const [allColumns, setAllColumns] = useState(false);
  const next = table && typeof table.meta['next_offset'] === 'number' ? (table.meta['next_offset'] as number) : undefined;
  const total = table && typeof table.meta['total_objects'] === 'number' ? (table.meta['total_objects'] as number) : undefined;
  const chosen = table ? preferredColumns(resource, table.columns) : [];
  const columns = table ? (allColumns ? table.columns : chosen) : [];
  const hidden = table ? table.columns.length - chosen.length : 0;
  const shownRows = table ? pageSlice(table.rows, page, size) : [];
  const hasDates = shownRows.some((row) => columns.some((c) => epochMillis(c, row[c]) !== null));
  const actionsFor = (row: Record<string, unknown>) => (rowLink ? rowLink(row) : []);
  const withActions = shownRows.some((row) => actionsFor(row).length > 0);
  return (
    <section className="act-result" aria-labelledby="result-h">
      <h3 id="result-h">Result{dryRun ? ' (dry run of a read-only action: it ran as usual)' : ''}</h3>
      {ranOn && <p className="act-ran-on">Ran on <strong>{ranOn}</strong>.</p>}
      {table && (
        <div role="group" aria-label="Result view" className="act-view-toggle">
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>Table</button>
          <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>JSON</button>
          {view === 'table' && hidden > 0 && (
            <button type="button" aria-pressed={allColumns} onClick={() => setAllColumns((a) => !a)}>
              {allColumns ? 'Fewer columns' : `All columns (${hidden} more)`}
            </button>
          )}
        </div>
      )}
      {table && view === 'table' ? (
        table.rows.length === 0 ? (
          <p className="act-empty">No items: Duo returned an empty list{next === undefined ? '' : ' for this offset'}.</p>
        ) : (
          <>
            <p className="act-result-count" aria-live="polite">
              {resultSummary(resource, table.rows, total)}
              {hasDates && <span className="hint"> Times are in {viewerTimeZone()}.</span>}
            </p>
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Result table">
              <table className="act-result-table">
                <thead>
                  <tr>
                    {withActions && <th scope="col" className="act-row-actions-h"><span className="visually-hidden">Actions</span></th>}
                    {columns.map((c) => <th key={c} scope="col">{c}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {shownRows.map((row, i) => (
                    <tr key={i}>
                      {withActions && (
                        <td className="act-row-actions">
                          {actionsFor(row).length > 0 && (
                            <details className="act-row-menu">
                              <summary aria-label={`Actions for ${actionsFor(row)[0]!.subject}`} title="Follow-on actions">⋯</summary>
                              <ul>
                                {actionsFor(row).map((a) => (
                                  <li key={a.label}><Link to={a.to} aria-label={`${a.label}: ${a.subject}`}>{a.label}</Link></li>
                                ))}
                              </ul>
                            </details>
                          )}
                        </td>
                      )}
                      {columns.map((c) => <ResultCell key={c} column={c} value={row[c]} />)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {table.rows.length > 10 && (
              <Pager label="Result rows" page={page} size={size} total={table.rows.length} onPage={setPage} onSize={(s) => { setSize(s); setPage(1); }} />
            )}
          </>
        )
      ) : (
        <JsonBlock value={output} label="Result JSON" />
      )}
      {next !== undefined && (
        <p className="act-more">
          Duo has more items.{' '}
          {onNextPage ? (
            <button type="button" onClick={() => onNextPage(next)}>Load the next page (offset {next})</button>
          ) : (
            <>Run again with offset {next}.</>
          )}
        </p>
      )}
    </section>
  );
}

/** One cell: dates in the viewer's zone (Duo's value in the tooltip), statuses as badges, the rest compact. */
function ResultCell({ column, value }: { column: string; value: unknown }) {
  const ms = epochMillis(column, value);
  if (ms !== null) {
    const iso = new Date(ms).toISOString();
    return <td><time dateTime={iso} title={`${String(value)} (${iso})`}>{formatInstant(ms)}</time></td>;
  }
  const badge = badgeFor(column, value);
  if (badge) return <td><span className={`badge badge-${badge.tone}`}>{badge.text}</span></td>;
  const text = compactValue(value);
  const full = typeof value === 'object' && value !== null ? JSON.stringify(value) : undefined;
  return <td title={full && full !== text ? full : undefined}>{text}</td>;
}

function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return (
    <div className="act-json-block">
      <pre tabIndex={0} role="region" aria-label={label}>{text}</pre>
      <CopyButton value={text} label="Copy JSON" />
    </div>
  );
}

function sentence(s: string): string {
  const t = s.trim();
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
