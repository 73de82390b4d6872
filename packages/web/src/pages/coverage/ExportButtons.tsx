import { useState } from 'react';
import { apiDownload, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { exportFileName } from './format.ts';

/** CSV exports of one snapshot: one line per organization, or one per user without MFA. */
export function ExportButtons({ snapshotId, takenAt }: { snapshotId: string; takenAt: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  async function download(list: 'organizations' | 'users_without_mfa') {
    setBusy(list);
    setError(null);
    setDone('');
    const kind = list === 'organizations' ? 'mfa-coverage' : 'users-without-mfa';
    const name = exportFileName(kind, takenAt);
    const err = await apiDownload(`/api/reports/mfa-coverage?run=${encodeURIComponent(snapshotId)}&format=csv&list=${list}`, name);
    setBusy(null);
    if (err) setError(err);
    else setDone(`Downloaded ${name}.`);
  }
  return (
    <div className="coverage-exports">
      <button type="button" disabled={busy !== null} onClick={() => void download('organizations')}>
        {busy === 'organizations' ? 'Exporting…' : 'Export organizations (CSV)'}
      </button>
      <button type="button" disabled={busy !== null} onClick={() => void download('users_without_mfa')}>
        {busy === 'users_without_mfa' ? 'Exporting…' : 'Export users without MFA (CSV)'}
      </button>
      <span role="status" className="ok">{done}</span>
      {error && <ErrorView error={error} />}
    </div>
  );
}
