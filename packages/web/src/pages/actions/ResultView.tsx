import { useState } from 'react';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { Pager, pageSlice } from '../../ui/Pager.tsx';
import { dryRunReport, oneTimeCodes } from './result-extras.ts';
import { compactValue, resultTable } from './result-table.ts';

/** How a result with a table view is shown; the runner keeps the choice across runs. */
export type ResultViewMode = 'table' | 'json';

/** Props of ResultView: the run's answer, the view choice, and how to fetch the next page (list actions). */
export interface ResultViewProps {
  dryRun: boolean;
  output: unknown;
  view: ResultViewMode;
  onView(v: ResultViewMode): void;
  onNextPage?: (offset: number) => void;
}

/** An action's answer: a dry-run report, one-time codes, or the output as a table or JSON. */
export function ResultView(props: ResultViewProps) {
  const { output } = props;
  const report = dryRunReport(output);
  if (report) {
    return (
      <section className="act-dry-run" aria-labelledby="dry-run-h">
        <h3 id="dry-run-h">Dry run: nothing was changed</h3>
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
  if (codes) return <OneTimeCodes codes={codes} output={output} />;
  return <OutputView {...props} />;
}

function OneTimeCodes({ codes, output }: { codes: string[]; output: unknown }) {
  const o = output as { user_id?: unknown; preserve_existing?: unknown };
  return (
    <section className="act-one-time" aria-labelledby="one-time-h">
      <h3 id="one-time-h">New bypass codes: shown once</h3>
      <p>
        Copy them now. duohub does not store them, and they are gone when you leave this page; Duo only keeps
        their metadata.{typeof o.user_id === 'string' ? ` User: ${o.user_id}.` : ''}
        {o.preserve_existing === false ? ' The user’s earlier codes were replaced.' : ' The user’s earlier codes were kept.'}
      </p>
      <ol className="act-codes" aria-label="Bypass codes">
        {codes.map((c, i) => <li key={i}><code>{c}</code></li>)}
      </ol>
      <CopyButton value={codes.join('\n')} label="Copy codes" />
    </section>
  );
}

function OutputView({ dryRun, output, onNextPage, view: preferred, onView: setView }: ResultViewProps) {
  const table = resultTable(output);
  const view = table ? preferred : 'json';
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(25);
  const next = table && typeof table.meta['next_offset'] === 'number' ? (table.meta['next_offset'] as number) : undefined;
  const total = table && typeof table.meta['total_objects'] === 'number' ? (table.meta['total_objects'] as number) : undefined;
  return (
    <section className="act-result" aria-labelledby="result-h">
      <h3 id="result-h">Result{dryRun ? ' (dry run of a read-only action: it ran as usual)' : ''}</h3>
      {table && (
        <div role="group" aria-label="Result view" className="act-view-toggle">
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>Table</button>
          <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>JSON</button>
        </div>
      )}
      {table && view === 'table' ? (
        table.rows.length === 0 ? (
          <p className="act-empty">No items: Duo returned an empty list{next === undefined ? '' : ' for this offset'}.</p>
        ) : (
          <>
            <p className="act-result-count">
              {table.rows.length} {table.rows.length === 1 ? 'row' : 'rows'}
              {total !== undefined ? ` of ${total} in Duo` : ''}.
            </p>
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Result table">
              <table className="act-result-table">
                <thead><tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
                <tbody>
                  {pageSlice(table.rows, page, size).map((row, i) => (
                    <tr key={i}>
                      {table.columns.map((c) => {
                        const v = row[c];
                        const text = compactValue(v);
                        const full = typeof v === 'object' && v !== null ? JSON.stringify(v) : undefined;
                        return <td key={c} title={full && full !== text ? full : undefined}>{text}</td>;
                      })}
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
