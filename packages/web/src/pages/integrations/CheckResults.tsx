import { KIND_LABEL, type CheckReport } from './integration-types.ts';

/** Per-set check results with their diagnosis; `data-kind`/`data-status` let tests read the verdict. */
export function CheckResults({ report, label = 'Check results' }: { report: CheckReport; label?: string }) {
  return (
    <ul aria-label={label} className="check-results">
      {report.sets.map((s) => (
        <li key={s.kind} className={s.ok ? 'ok' : 'error'} data-kind={s.kind} data-status={s.status}>
          {KIND_LABEL[s.kind]}: <strong>{s.status}</strong> — {s.message}
          {s.missing_grants?.length ? ` (missing: ${s.missing_grants.join(', ')})` : ''}
        </li>
      ))}
    </ul>
  );
}
