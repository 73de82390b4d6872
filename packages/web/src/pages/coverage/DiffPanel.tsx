import { useState, type FormEvent } from 'react';
import { api, apiDownload, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { can, useSession } from '../../session.ts';
import { SendEnrollmentButton } from '../bulk/SendEnrollmentButton.tsx';
import type { CoverageDiff, DiffUser, TrendPoint } from './coverage-api.ts';
import { exportFileName, formatCount, formatDateTime, formatStatus } from './format.ts';

const CHANGES = [
  { id: 'lost_mfa', label: 'Lost MFA' },
  { id: 'gained_mfa', label: 'Gained MFA' },
  { id: 'new_without_mfa', label: 'New without MFA' },
  { id: 'removed_without_mfa', label: 'Removed while without MFA' },
] as const;

/** Compares two snapshots of the trend: who lost MFA, who gained it, who is new without it. */
export function DiffPanel({ points, defaultTo }: { points: readonly TrendPoint[]; defaultTo: string }) {
  const newestFirst = [...points].reverse();
  const toIndex = Math.max(0, newestFirst.findIndex((p) => p.snapshot_id === defaultTo));
  const [to, setTo] = useState(newestFirst[toIndex]?.snapshot_id ?? '');
  const [from, setFrom] = useState(newestFirst[toIndex + 1]?.snapshot_id ?? newestFirst[0]?.snapshot_id ?? '');
  const [diff, setDiff] = useState<CoverageDiff | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  async function compare(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api<CoverageDiff>('GET', `/api/reports/mfa-coverage/diff?${query}`);
    setBusy(false);
    if (res.ok) setDiff(res.body);
    else {
      setDiff(null);
      setError(res.error);
    }
  }
  async function exportCsv() {
    if (!diff) return;
    const err = await apiDownload(`/api/reports/mfa-coverage/diff?from=${encodeURIComponent(diff.from.id)}&to=${encodeURIComponent(diff.to.id)}&format=csv`, exportFileName('mfa-coverage-diff', diff.to.taken_at));
    setError(err);
  }

  const option = (p: TrendPoint) => (
    <option key={p.snapshot_id} value={p.snapshot_id}>
      {formatDateTime(p.taken_at, { seconds: true })}
    </option>
  );
  const changed = diff?.organizations.filter((o) => CHANGES.some((c) => o[c.id].length > 0)) ?? [];
  // Users who lost MFA or are new without it can be sent enrollment from here, in their (mapped) organization.
  const operate = can(useSession(), 'operate');
  return (
    <section className="diff-panel" aria-labelledby="coverage-diff-title">
      <h2 id="coverage-diff-title">Compare snapshots</h2>
      <form className="diff-form" onSubmit={(e) => void compare(e)}>
        <div>
          <label htmlFor="coverage-diff-from">From</label>
          <select id="coverage-diff-from" value={from} onChange={(e) => setFrom(e.target.value)}>{newestFirst.map(option)}</select>
        </div>
        <div>
          <label htmlFor="coverage-diff-to">To</label>
          <select id="coverage-diff-to" value={to} onChange={(e) => setTo(e.target.value)}>{newestFirst.map(option)}</select>
        </div>
        <button type="submit" disabled={busy || from === '' || to === ''}>{busy ? 'Comparing…' : 'Compare'}</button>
      </form>
      {error && <ErrorView error={error} />}
      {diff && (
        <div className="diff-result" aria-live="polite">
          <ul className="cards" aria-label="Changes between the snapshots">
            {CHANGES.map((c) => (
              <li key={c.id} className="card" data-figure={c.id}>
                <span className="card-label">{c.label}</span>
                <span className="card-value">{formatCount(diff.totals[c.id])}</span>
              </li>
            ))}
          </ul>
          {changed.length === 0 ? (
            <p>No user changed between {formatDateTime(diff.from.taken_at)} and {formatDateTime(diff.to.taken_at)}.</p>
          ) : (
            changed.map((o) => (
              <div key={o.account_id} className="diff-org">
                <h3>{o.name}{o.comparable ? '' : ' (not comparable: missing or failed in one snapshot)'}</h3>
                {CHANGES.filter((c) => o[c.id].length > 0).map((c) => (
                  <div key={c.id}>
                    <DiffUsers caption={`${o.name}: ${c.label.toLowerCase()}`} users={o[c.id]} />
                    {operate && o.organization_id && (c.id === 'lost_mfa' || c.id === 'new_without_mfa') && (
                      <SendEnrollmentButton organization={{ id: o.organization_id, name: o.name }} usernames={o[c.id].map((u) => u.username)} />
                    )}
                  </div>
                ))}
              </div>
            ))
          )}
          <button type="button" onClick={() => void exportCsv()}>Export changes (CSV)</button>
        </div>
      )}
    </section>
  );
}

function DiffUsers({ caption, users }: { caption: string; users: readonly DiffUser[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">Username</th><th scope="col">Email</th><th scope="col">Status</th></tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.user_id}><td>{u.username}</td><td>{u.email ?? ''}</td><td>{formatStatus(u.status)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
