import { useState } from 'react';
import { api, type ApiError } from '../../api-client.ts';
import { navigate } from '../../router.ts';
import { can, useSession } from '../../session.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { approvalNote } from './approval-note.ts';
import type { BulkRunView } from './bulk-types.ts';
import { runConfirmLabel, runQuestion } from './run-question.ts';

type Control = 'approve' | 'run' | 'pause' | 'resume' | 'cancel' | 'discard';

/**
 * What can be done with a run now: Approve (while approval is missing), Run (asks inline, naming the
 * organizations and the number of calls), Pause / Resume / Cancel while it runs, Discard while planned.
 * Every answer of the hub replaces the run shown; a refusal is shown beside the buttons with the hub's reason.
 */
export function BulkRunControls({ run, onChange }: { run: BulkRunView & { id: string }; onChange(run: BulkRunView): void }) {
  const session = useSession();
  const operate = can(session, 'operate');
  const [busy, setBusy] = useState<Control | null>(null);
  const [refusal, setRefusal] = useState<{ control: Control; error: ApiError } | null>(null);
  const note = approvalNote(run, session);
  const needsApproval = run.requires_approval && !run.approved;
  const path = `/api/bulk-runs/${encodeURIComponent(run.id)}`;

  async function send(control: Exclude<Control, 'discard'>) {
    setBusy(control);
    setRefusal(null);
    const withHash = control === 'approve' || control === 'run';
    const res = await api<BulkRunView>('POST', `${path}/${control}`, withHash ? { plan_hash: run.plan_hash } : {});
    setBusy(null);
    if (res.ok) onChange(res.body);
    else setRefusal({ control, error: res.error });
  }

  async function discard() {
    setBusy('discard');
    setRefusal(null);
    const res = await api<void>('DELETE', path);
    setBusy(null);
    if (res.ok) navigate('/bulk');
    else setRefusal({ control: 'discard', error: res.error });
  }

  const active = run.status === 'queued' || run.status === 'running';
  // A finished run has nothing to do here: no empty box.
  if (note.kind === 'none' && !refusal && run.status !== 'planned' && !active && run.status !== 'paused') return null;
  return (
    <div className="bulk-controls">
      {note.kind !== 'none' && <p className={note.kind === 'approved' ? 'bulk-approval ok' : 'bulk-approval warn'} id="bulk-approval-note">{note.text}</p>}
      <div className="bulk-buttons">
        {run.status === 'planned' && needsApproval && (
          <button type="button" className="act-primary" disabled={busy !== null} aria-describedby="bulk-approval-note" onClick={() => void send('approve')}>
            {busy === 'approve' ? 'Approving…' : 'Approve'}
          </button>
        )}
        {run.status === 'planned' && (
          <ConfirmButton
            label="Run…"
            question={runQuestion(run)}
            confirmLabel={runConfirmLabel(run.counts.total)}
            disabled={!operate || needsApproval || busy !== null}
            ariaLabel={needsApproval ? 'Run (needs approval first)' : 'Run'}
            onAsk={() => setRefusal(null)}
            onConfirm={() => send('run')}
          />
        )}
        {active && (
          <button type="button" disabled={!operate || busy !== null} onClick={() => void send('pause')}>{busy === 'pause' ? 'Pausing…' : 'Pause'}</button>
        )}
        {run.status === 'paused' && (
          <button type="button" disabled={!operate || busy !== null} onClick={() => void send('resume')}>{busy === 'resume' ? 'Resuming…' : 'Resume'}</button>
        )}
        {(active || run.status === 'paused') && (
          <ConfirmButton
            label="Cancel run…"
            question={`Cancel the ${run.counts.pending} calls not made yet? Calls already made stay made.`}
            confirmLabel="Yes, cancel the run"
            disabled={!operate || busy !== null}
            onAsk={() => setRefusal(null)}
            onConfirm={() => send('cancel')}
          />
        )}
        {run.status === 'planned' && (
          <ConfirmButton
            label="Discard plan…"
            question="Discard this plan? Nothing has run; the plan is deleted."
            confirmLabel="Yes, discard"
            disabled={!operate || busy !== null}
            onAsk={() => setRefusal(null)}
            onConfirm={discard}
          />
        )}
      </div>
      {!operate && <p className="hint">Your token has the read scope only: running, pausing or cancelling needs operate.</p>}
      {refusal && (
        <div role="alert" className="error bulk-refusal" data-control={refusal.control}>
          <p>
            {refusal.control === 'approve' ? 'Not approved' : refusal.control === 'run' ? 'Not started' : refusal.control === 'discard' ? 'Not discarded' : `Could not ${refusal.control}`}: {refusal.error.message}{' '}
            <span className="hint">({refusal.error.code})</span>
          </p>
        </div>
      )}
    </div>
  );
}
