import { formatConfidence } from './format-confidence.ts';
import { SUGGESTION_STATUS_LABEL, isActionable, type Organization, type Suggestion } from './organization-types.ts';

/**
 * One page of the mapping table: the mapped child account and how it was mapped, confidence as a
 * percentage, the directory key's hint, the pending suggestion with Accept, and Edit.
 */
export function OrganizationTable(props: {
  rows: readonly Organization[];
  suggestions: Readonly<Record<string, Suggestion>>;
  busyId: string | null;
  canEdit: boolean;
  onAccept(o: Organization, s: Suggestion): void;
  onEdit(o: Organization): void;
}) {
  return (
    <div className="table-wrap">
      <table className="organizations">
        <caption className="visually-hidden">Organizations and their Duo mapping</caption>
        <thead>
          <tr>
            <th scope="col">Organization</th>
            <th scope="col">Duo child account</th>
            <th scope="col">Confidence</th>
            <th scope="col">Directory key</th>
            <th scope="col">Suggestion</th>
            {props.canEdit && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((o) => {
            const s = props.suggestions[o.id];
            const account = o.duo_account_id === 'parent' ? 'the parent account' : o.duo_account_name ?? o.duo_account_id;
            return (
              <tr key={o.id} data-org={o.name}>
                <th scope="row">
                  {o.name}
                  {o.email_domains.length > 0 && <div className="help">{o.email_domains.join(', ')}</div>}
                </th>
                <td className="mapped" title={o.mapping_reason ?? undefined}>{account ?? 'unmapped'}{o.mapping_source ? ` (${o.mapping_source})` : ''}</td>
                <td className="confidence">{formatConfidence(o.mapping_confidence)}</td>
                <td className="dirkey">{o.duo_admin_api_directory_key_hint ?? '—'}</td>
                <td className="suggestion">
                  {s ? (
                    <>
                      <span data-status={s.status}>
                        {s.duo_account_name ?? 'no account'}
                        {s.duo_account_id ? ` · ${formatConfidence(s.confidence)}` : ''} · {SUGGESTION_STATUS_LABEL[s.status]}
                      </span>
                      {s.reason && <div className="help">{s.reason}</div>}
                      {props.canEdit && isActionable(s) && (
                        <button type="button" aria-label={`Accept suggestion for ${o.name}`} disabled={props.busyId !== null} onClick={() => props.onAccept(o, s)}>
                          {props.busyId === o.id ? 'Accepting…' : 'Accept'}
                        </button>
                      )}
                    </>
                  ) : '—'}
                </td>
                {props.canEdit && (
                  <td>
                    <button type="button" id={`org-edit-${o.id}`} aria-label={`Edit ${o.name}`} onClick={() => props.onEdit(o)}>Edit</button>
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
