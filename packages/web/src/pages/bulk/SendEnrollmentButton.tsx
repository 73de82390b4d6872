import { useId, useState } from 'react';
import { api, type ApiError } from '../../api-client.ts';
import { navigate } from '../../router.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import type { BulkRunView } from './bulk-types.ts';
import { enrollmentRunBody } from './enrollment-run-body.ts';
import './bulk.css';

/**
 * "Send enrollment to these N users": plans a `users.enroll` run for exactly the users listed (in one
 * organization) and opens its review. Nothing is sent until the plan is approved and run there.
 */
export function SendEnrollmentButton({ organization, usernames }: { organization: { id: string; name: string }; usernames: readonly string[] }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const n = usernames.length;
  const helpId = useId();
  async function plan() {
    setBusy(true);
    setError(null);
    const res = await api<BulkRunView>('POST', '/api/bulk-runs', enrollmentRunBody(organization, usernames));
    setBusy(false);
    if (res.ok && res.body.id) navigate(`/bulk/${encodeURIComponent(res.body.id)}`);
    else if (!res.ok) setError(res.error);
  }
  return (
    <div className="bulk-send">
      <button type="button" disabled={busy || n === 0} aria-describedby={helpId} onClick={() => void plan()}>
        {busy ? 'Planning…' : n === 1 ? 'Send enrollment to this 1 user' : `Send enrollment to these ${n} users`}
      </button>
      <span id={helpId} className="hint">Plans a bulk run to review first; nothing is sent until it is approved and run.</span>
      {error && <ErrorView error={error} />}
    </div>
  );
}
