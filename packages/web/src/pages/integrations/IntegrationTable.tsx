import { useState } from 'react';
import { api, type ApiError } from '../../api-client.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { formatTime } from '../audit/format-time.ts';
import { CheckResults } from './CheckResults.tsx';
import { KIND_LABEL, KINDS, isCheckReport, type CheckReport, type Integration } from './integration-types.ts';

/** What a row shows after its own action: a fresh check, an error, or "working". */
type RowState = { kind: 'report'; report: CheckReport } | { kind: 'error'; error: ApiError } | { kind: 'busy'; what: string };

/** The later of a row's own test result and the stored last check (an edit re-checks and reloads the list). */
function newerReport(a: CheckReport | null, b: CheckReport | null): CheckReport | null {
  if (!a || !b) return a ?? b;
  return Date.parse(a.checked_at) >= Date.parse(b.checked_at) ? a : b;
}

/**
 * The stored integrations: credentials as host, key and secret hint, the last check, and per row Edit,
 * Test connection (result inline) and Delete (after an inline confirmation naming it).
 */
export function IntegrationTable(props: { items: Integration[]; editingId: string | null; canManage: boolean; onEdit(it: Integration): void; onAction(): void; onChanged(): void }) {
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const setRow = (id: string, s: RowState) => setRows((p) => ({ ...p, [id]: s }));

  async function test(it: Integration) {
    props.onAction();
    setRow(it.id, { kind: 'busy', what: 'Testing the connection…' });
    const res = await api<CheckReport>('POST', `/api/integrations/${it.id}/test`);
    if (res.ok && isCheckReport(res.body)) setRow(it.id, { kind: 'report', report: res.body });
    else if (!res.ok) setRow(it.id, { kind: 'error', error: res.error });
  }

  async function remove(it: Integration) {
    setRow(it.id, { kind: 'busy', what: 'Deleting…' });
    const res = await api('DELETE', `/api/integrations/${it.id}`);
    if (res.ok) props.onChanged();
    else setRow(it.id, { kind: 'error', error: res.error });
  }

  return (
    <div className="table-wrap">
      <table className="integrations">
        <caption className="visually-hidden">Stored integrations</caption>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Credentials</th><th scope="col">Last check</th>{props.canManage && <th scope="col">Actions</th>}</tr>
        </thead>
        <tbody>
          {props.items.map((it) => {
            const row = rows[it.id];
            const report = newerReport(row?.kind === 'report' ? row.report : null, it.last_check ?? null);
            return (
              <tr key={it.id} data-integration={it.name}>
                <th scope="row">{it.name}</th>
                <td>
                  {it.base_url && <div className="help">Connects via {it.base_url}</div>}
                  {KINDS.map((k) => {
                    const s = it[k];
                    return s ? (
                      <div key={k} data-set={k} className="cred-set">
                        <strong>{KIND_LABEL[k]}</strong>
                        <div>{s.api_host}</div>
                        <div><code>{s.integration_key}</code> · <span className="nowrap">secret <span className="hint">{s.secret_key_hint}</span></span></div>
                      </div>
                    ) : null;
                  })}
                </td>
                <td aria-live="polite" className="last-check">
                  {row?.kind === 'busy' && <p>{row.what}</p>}
                  {row?.kind !== 'busy' && report && (
                    <>
                      <p className="checked-at">Checked <time dateTime={report.checked_at}>{formatTime(report.checked_at)}</time></p>
                      <CheckResults report={report} label={`Check results of ${it.name}`} />
                    </>
                  )}
                  {row?.kind !== 'busy' && !report && '—'}
                  {row?.kind === 'error' && <ErrorView error={row.error} />}
                </td>
                {props.canManage && (
                <td className="row-actions">
                  <button type="button" id={`edit-${it.id}`} aria-label={`Edit ${it.name}`} aria-expanded={props.editingId === it.id} onClick={() => props.onEdit(it)}>Edit</button>
                  <button type="button" aria-label={`Test connection of ${it.name}`} disabled={row?.kind === 'busy'} onClick={() => void test(it)}>Test connection</button>
                  <ConfirmButton
                    label="Delete"
                    ariaLabel={`Delete ${it.name}`}
                    question={`Delete the integration “${it.name}”? Its stored credentials are erased; this cannot be undone.`}
                    confirmLabel="Yes, delete"
                    disabled={row?.kind === 'busy'}
                    onAsk={props.onAction}
                    onConfirm={() => remove(it)}
                  />
                </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
