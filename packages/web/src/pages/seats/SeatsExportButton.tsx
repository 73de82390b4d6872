import { useState } from 'react';
import { apiDownload, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { seatsFileName, seatsPath } from './seats-format.ts';

/** Downloads the report as CSV (read again from Duo, so the file is as of the download). */
export function SeatsExportButton({ integrationId }: { integrationId: string | null }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  async function download() {
    setBusy(true);
    setError(null);
    setDone('');
    const name = seatsFileName(new Date().toISOString());
    const err = await apiDownload(seatsPath(integrationId, 'csv'), name);
    setBusy(false);
    if (err) setError(err);
    else setDone(`Downloaded ${name}.`);
  }
  return (
    <div className="seats-exports">
      <button type="button" disabled={busy} onClick={() => void download()}>
        {busy ? 'Exporting…' : 'Download CSV'}
      </button>
      <span role="status" className="ok">{done}</span>
      {error && <ErrorView error={error} />}
    </div>
  );
}
