import { useState } from 'react';
import { apiDownload, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';

/** The run's report, every item with its outcome, as CSV or JSON (fetched with the token: a plain link cannot carry it). */
export function ReportDownloads({ runId }: { runId: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  async function download(format: 'csv' | 'json') {
    setBusy(format);
    setError(null);
    setDone('');
    const name = `duohub-bulk-run-${runId}.${format}`;
    const err = await apiDownload(`/api/bulk-runs/${encodeURIComponent(runId)}/report?format=${format}`, name);
    setBusy(null);
    if (err) setError(err);
    else setDone(`Downloaded ${name}.`);
  }
  return (
    <div className="bulk-report">
      <button type="button" disabled={busy !== null} onClick={() => void download('csv')}>{busy === 'csv' ? 'Downloading…' : 'Report (CSV)'}</button>
      <button type="button" disabled={busy !== null} onClick={() => void download('json')}>{busy === 'json' ? 'Downloading…' : 'Report (JSON)'}</button>
      <span role="status" className="ok">{done}</span>
      {error && <ErrorView error={error} />}
    </div>
  );
}
