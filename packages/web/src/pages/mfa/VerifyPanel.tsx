import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, apiEvents, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { fieldIssues, issueFor } from '../../ui/field-issues.ts';
import type { OrgOption, VaultMethod } from './types.ts';
import { applyVerifyEvent, INITIAL_PROGRESS, outcomeTone, progressHeadline, type VerifyProgress } from './verify-progress.ts';
import { emptyVerifyForm, FACTORS, verifyRequestBody, type Factor, type VerifyFormValues } from './verify-request.ts';

interface VerificationView {
  id: string;
  outcome: string;
  events: Array<{ seq: number; type: string; at: string; data: Record<string, unknown> }>;
}

const FACTOR_LABEL: Record<Factor, string> = { push: 'Push', phone: 'Phone call', sms: 'SMS passcodes', passcode: 'Passcode', auto: 'Auto (push, else call)' };

/**
 * "Verify a user": starts `POST /api/verify` without waiting, then follows its event stream
 * (preauth, sent, waiting..., result) into a live region. Stopping only stops watching: Duo has
 * no way to take a push back, so the result can still be fetched afterwards.
 */
export function VerifyPanel({ methods, organizations }: { methods: VaultMethod[]; organizations: OrgOption[] }) {
  const mapped = organizations.filter((o) => o.duo_account_id !== null);
  const firstTarget = methods[0] ? `method:${methods[0].id}` : mapped[0] ? `org:${mapped[0].id}` : '';
  const [v, setV] = useState<VerifyFormValues>(() => emptyVerifyForm(firstTarget));
  const [progress, setProgress] = useState<VerifyProgress | null>(null);
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'running' | 'stopped' | 'done'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const abort = useRef<AbortController | null>(null);
  const set = <K extends keyof VerifyFormValues>(k: K, value: VerifyFormValues[K]) => setV((p) => ({ ...p, [k]: value }));
  const issues = fieldIssues(error?.details);

  const targets = [...methods.map((m) => `method:${m.id}`), ...mapped.map((o) => `org:${o.id}`)];
  // The first method or organization becomes the choice once the lists arrive, or when the chosen one is deleted.
  useEffect(() => {
    if (!targets.includes(v.target)) set('target', firstTarget);
  }, [targets.join(' ')]);
  // Leaving the page stops following the stream.
  useEffect(() => () => abort.current?.abort(), []);

  async function follow(id: string) {
    const controller = new AbortController();
    abort.current = controller;
    setState('running');
    const failure = await apiEvents(`/api/verify/${encodeURIComponent(id)}/events`, (e) => {
      setProgress((p) => applyVerifyEvent(p ?? INITIAL_PROGRESS, e.event, e.data));
    }, controller.signal);
    if (controller.signal.aborted) return;
    if (failure) setError(failure);
    setState('done');
  }

  async function start(e: FormEvent) {
    e.preventDefault();
    abort.current?.abort();
    setError(null);
    setProgress(INITIAL_PROGRESS);
    setVerificationId(null);
    setState('running');
    const res = await api<VerificationView>('POST', '/api/verify', verifyRequestBody(v));
    if (!res.ok) {
      setProgress(null);
      setState('idle');
      return setError(res.error);
    }
    setVerificationId(res.body.id);
    // The 202 answer already holds the first events; the stream replays them, and seq keeps them unique.
    setProgress(res.body.events.reduce((p, ev) => applyVerifyEvent(p, ev.type, { ...ev.data, seq: ev.seq, at: ev.at }), INITIAL_PROGRESS));
    await follow(res.body.id);
  }

  function stop() {
    abort.current?.abort();
    setState('stopped');
  }

  async function checkResult() {
    if (!verificationId) return;
    const res = await api<VerificationView>('GET', `/api/verify/${encodeURIComponent(verificationId)}`);
    if (!res.ok) return setError(res.error);
    setProgress(res.body.events.reduce((p, ev) => applyVerifyEvent(p, ev.type, { ...ev.data, seq: ev.seq, at: ev.at }), progress ?? INITIAL_PROGRESS));
    if (res.body.outcome !== 'pending') setState('done');
  }

  const isMethod = v.target.startsWith('method:');
  const running = state === 'running';
  const tone = outcomeTone(progress?.outcome ?? null);
  const retryAfter = (error?.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
  const noTargets = methods.length === 0 && mapped.length === 0;
  return (
    <section aria-labelledby="vp-h" className="verify-panel">
      <h2 id="vp-h">Verify a user</h2>
      {noTargets && <p className="empty">Nothing to verify with yet: create an MFA method above, or map an organization to a Duo account on the Organizations page.</p>}
      <form onSubmit={start} aria-labelledby="vp-h" noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor="vp-target">Method or organization</label>
            <select id="vp-target" value={v.target} onChange={(e) => set('target', e.target.value)} aria-invalid={issueFor(issues, 'method_id', 'organization_id') ? true : undefined}>
              {noTargets && <option value="">None available</option>}
              {methods.length > 0 && (
                <optgroup label="MFA methods">
                  {methods.map((m) => <option key={m.id} value={`method:${m.id}`}>{m.method_name || m.id}</option>)}
                </optgroup>
              )}
              {mapped.length > 0 && (
                <optgroup label="Organizations">
                  {mapped.map((o) => <option key={o.id} value={`org:${o.id}`}>{o.name}</option>)}
                </optgroup>
              )}
            </select>
            {issueFor(issues, 'method_id', 'organization_id') && <p className="error field-error">{issueFor(issues, 'method_id', 'organization_id')}</p>}
          </div>
          <fieldset>
            <legend>The name is</legend>
            <div className="check">
              <input type="radio" id="vp-subj-user" name="vp-subj" checked={v.subject === 'username'} onChange={() => set('subject', 'username')} />
              <label htmlFor="vp-subj-user" className="inline-label">the Duo username</label>
            </div>
            <div className="check">
              <input type="radio" id="vp-subj-ident" name="vp-subj" disabled={!isMethod} checked={v.subject === 'identity' && isMethod} onChange={() => set('subject', 'identity')} />
              <label htmlFor="vp-subj-ident" className="inline-label">a Vault entity name (through the method’s template)</label>
            </div>
          </fieldset>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="vp-username">{v.subject === 'identity' && isMethod ? 'Entity name' : 'Username'}</label>
            <input id="vp-username" value={v.username} required onChange={(e) => set('username', e.target.value)} autoComplete="off"
              aria-invalid={issueFor(issues, 'username', 'identity') ? true : undefined} aria-describedby={issueFor(issues, 'username', 'identity') ? 'vp-username-err' : undefined} />
            {issueFor(issues, 'username', 'identity') && <p id="vp-username-err" className="error field-error">{issueFor(issues, 'username', 'identity')}</p>}
          </div>
          <div className="field">
            <label htmlFor="vp-factor">Factor</label>
            <select id="vp-factor" value={v.factor} onChange={(e) => set('factor', e.target.value as Factor)}>
              {FACTORS.map((f) => <option key={f} value={f}>{FACTOR_LABEL[f]}</option>)}
            </select>
          </div>
          {v.factor === 'passcode' ? (
            <div className="field">
              <label htmlFor="vp-passcode">Passcode</label>
              <input id="vp-passcode" value={v.passcode} onChange={(e) => set('passcode', e.target.value)} autoComplete="one-time-code" inputMode="numeric"
                aria-invalid={issueFor(issues, 'passcode') ? true : undefined} aria-describedby={issueFor(issues, 'passcode') ? 'vp-passcode-err' : undefined} />
              {issueFor(issues, 'passcode') && <p id="vp-passcode-err" className="error field-error">{issueFor(issues, 'passcode')}</p>}
            </div>
          ) : (
            <div className="field">
              <label htmlFor="vp-device">Device (optional)</label>
              <input id="vp-device" value={v.device} onChange={(e) => set('device', e.target.value)} placeholder="auto" aria-describedby="vp-device-hint" />
              <p id="vp-device-hint" className="hint">A device id from preauth; blank lets Duo pick.</p>
            </div>
          )}
        </div>
        <div className="field-row">
          {(v.factor === 'push' || v.factor === 'auto') && (
            <div className="field">
              <label htmlFor="vp-push-info">Extra push info (optional)</label>
              <input id="vp-push-info" value={v.push_info} onChange={(e) => set('push_info', e.target.value)} placeholder="ticket=INC-1234" aria-describedby="vp-push-info-hint" />
              <p id="vp-push-info-hint" className="hint">key=value pairs joined by &, shown on the push after the method’s own.</p>
            </div>
          )}
          <div className="field">
            <label htmlFor="vp-timeout">Wait at most (seconds)</label>
            <input id="vp-timeout" type="number" min={1} max={300} value={v.timeout_seconds} onChange={(e) => set('timeout_seconds', e.target.value)}
              aria-invalid={issueFor(issues, 'timeout_seconds') ? true : undefined} />
            {issueFor(issues, 'timeout_seconds') && <p className="error field-error">{issueFor(issues, 'timeout_seconds')}</p>}
          </div>
        </div>
        <button type="submit" disabled={running || noTargets}>{running ? 'Verifying…' : 'Start verification'}</button>
        <button type="button" onClick={stop} disabled={!running || !verificationId}>Stop watching</button>
      </form>
      {error && (
        <>
          <ErrorView error={error} />
          {typeof retryAfter === 'number' && <p className="error">Try again in {retryAfter} s.</p>}
        </>
      )}
      {progress && (
        <div className="verify-progress">
          <p role="status" aria-live="polite" className={`headline tone-${tone}`} data-phase={progress.phase} data-outcome={progress.outcome ?? ''}>
            {progressHeadline(progress)}
          </p>
          {progress.phase === 'done' && (
            <div className={`verify-result tone-${tone}`} data-verified={String(progress.verified)}>
              <strong>{progress.verified ? 'Verified' : 'Not verified'}</strong>: outcome <code>{progress.outcome}</code>
              {progress.reason && <> — {progress.reason}</>}
              {progress.enrollUrl && <p><a href={progress.enrollUrl} target="_blank" rel="noreferrer">Enrollment link for the user</a></p>}
            </div>
          )}
          <ol className="verify-steps" aria-label="Verification steps">
            {progress.steps.map((s) => <li key={s.seq} data-type={s.type}>{s.text}</li>)}
          </ol>
          {verificationId && <p className="hint">Verification <code>{verificationId}</code></p>}
          {state === 'stopped' && (
            <p>
              Stopped watching. Duo cannot take a push back, so the user may still answer it; the result is kept.{' '}
              <button type="button" onClick={() => void checkResult()}>Check the result</button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
