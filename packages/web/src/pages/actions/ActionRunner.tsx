import { useMemo, useRef, useState, type FormEvent } from 'react';
import { api, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { placeFieldIssues } from '../../ui/field-issues.ts';
import { buildFormInput, initialValues, type FieldMessages, type FormValues } from '../../ui/form-input.ts';
import { Link } from '../../ui/Link.tsx';
import { SchemaForm } from '../../ui/SchemaForm.tsx';
import { fieldPaths, schemaFields } from '../../ui/schema-fields.ts';
import { useFocusAfterCommit } from '../../ui/use-focus-after-commit.ts';
import type { ActionSummary, RunResult } from './action-summary.ts';
import { API_LABELS } from './group-catalog.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ResultView, type ResultViewMode } from './ResultView.tsx';
import { inputTarget, type RunTarget } from './run-targets.ts';

const TARGET_FIELD = '$target';

/**
 * One action: where it runs, its generated form, Run (and for destructive actions Dry run, with the
 * real run behind a confirmation naming the target) and the answer. Results, including one-time
 * bypass codes, live only in this component's state; the page remounts it per action.
 */
export function ActionRunner(props: {
  action: ActionSummary;
  targets: RunTarget[];
  targetKey: string;
  onTarget(key: string): void;
  canRun: boolean;
  limited: boolean;
}) {
  const { action, targets } = props;
  const fields = useMemo(() => schemaFields(action.input), [action]);
  const paths = useMemo(() => fieldPaths(fields), [fields]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [messages, setMessages] = useState<FieldMessages>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'run' | 'dry' | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);
  const [view, setView] = useState<ResultViewMode>('table');
  const [confirming, setConfirming] = useState<{ input: Record<string, unknown>; target: RunTarget } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const focusLater = useFocusAfterCommit();

  const enabled = targets.filter((t) => !t.disabled);
  const target = enabled.find((t) => t.key === props.targetKey) ?? enabled[0];
  const apiLabel = API_LABELS[action.api] ?? `${action.api} API`;

  function change(path: string, value: string | boolean) {
    setValues((v) => ({ ...v, [path]: value }));
    // A message goes once its field is edited; the next submit checks again.
    if (messages[path]) setMessages(({ [path]: _gone, ...rest }) => rest);
  }

  /** Reads and checks the form; on failure shows the messages and moves focus to the first bad field. */
  function readForm(): Record<string, unknown> | null {
    const { input, issues } = buildFormInput(fields, values);
    const all: FieldMessages = { ...issues };
    if (!target) all[TARGET_FIELD] = 'Choose where to run the action.';
    setMessages(all);
    if (Object.keys(all).length > 0) {
      setError(null);
      focusFirstInvalid();
      return null;
    }
    return input;
  }

  function focusFirstInvalid() {
    focusLater(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'));
  }

  async function run(input: Record<string, unknown>, dryRun: boolean) {
    if (!target) return;
    setBusy(dryRun ? 'dry' : 'run');
    setError(null);
    setResult(null);
    const body: Record<string, unknown> = { integrationId: target.integrationId, input };
    if (target.organizationId) body.organizationId = target.organizationId;
    if (dryRun) body.dryRun = true;
    const res = await api<RunResult>('POST', `/api/actions/${encodeURIComponent(action.id)}/run`, body);
    setBusy(null);
    if (res.ok) {
      setResult(res.body);
      focusLater(() => resultRef.current);
      return;
    }
    const placed = placeFieldIssues(res.error.details, paths, { rename: { integrationId: TARGET_FIELD, organizationId: TARGET_FIELD } });
    setMessages(placed.fields);
    // ErrorView lists the issues the form could not place next to a field.
    setError({ ...res.error, details: Array.isArray(res.error.details) ? placed.other.map((o) => ({ path: o.field, message: o.message })) : res.error.details });
    if (Object.keys(placed.fields).length > 0) focusFirstInvalid();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = readForm();
    if (!input || !target) return;
    if (action.destructive) setConfirming({ input, target });
    else void run(input, false);
  }

  function dryRun() {
    const input = readForm();
    if (input) void run(input, true);
  }

  function nextPage(offset: number) {
    const next = { ...values, offset: String(offset) };
    setValues(next);
    const { input, issues } = buildFormInput(fields, next);
    if (Object.keys(issues).length === 0) void run(input, false);
    else setMessages(issues);
  }

  const targetMessage = messages[TARGET_FIELD];
  const badCount = Object.keys(messages).length;
  return (
    <article className="action-runner" aria-labelledby="action-h">
      <h2 id="action-h" tabIndex={-1}>{action.title}</h2>
      <p className="action-meta">
        <code>{action.id}</code> · {apiLabel} · {action.readOnly ? 'read-only' : action.idempotent ? 'idempotent' : 'not idempotent'}
        {action.destructive && <> · <strong className="destructive-note">destructive: has a dry run; a real run asks first</strong></>}
      </p>
      <p>{action.description.replace(/`/g, '')}</p>

      <form ref={formRef} noValidate onSubmit={submit} aria-labelledby="action-h" aria-busy={busy !== null}>
        <div className="act-run-target">
          {targets.length === 0 ? (
            <p id="run-target-help" className="act-empty">
              <strong>Run on: </strong>
              {props.limited
                ? `This token is limited to organizations; ${apiLabel} actions reach beyond one organization, so they need a token that is not limited.`
                : action.api === 'admin'
                  ? <>No integration or mapped organization yet. <Link to="/integrations">Add an integration</Link> first, then map organizations on the <Link to="/organizations">Organizations</Link> page.</>
                  : <>No integration yet. <Link to="/integrations">Add an integration</Link> with {apiLabel} credentials first.</>}
            </p>
          ) : (
            <>
              <label htmlFor="run-target">Run on</label>
              <select
                id="run-target"
                value={target?.key ?? ''}
                aria-invalid={targetMessage ? true : undefined}
                aria-describedby={targetMessage ? 'run-target-error run-target-help' : 'run-target-help'}
                onChange={(e) => props.onTarget(e.target.value)}
              >
                {!target && <option value="">Choose…</option>}
                {targets.map((t) => (
                  <option key={t.key} value={t.key} disabled={t.disabled !== undefined}>
                    {t.label}{t.disabled ? `: ${t.disabled}` : ''}
                  </option>
                ))}
              </select>
              <p id="run-target-help" className="field-help">
                {action.api === 'admin'
                  ? 'An organization runs on its mapped Duo child account; an integration on its own (parent) account.'
                  : `${apiLabel} actions act for the integration as a whole.`}
              </p>
            </>
          )}
          {targetMessage && <p id="run-target-error" className="field-error">{targetMessage}</p>}
        </div>

        <SchemaForm fields={fields} values={values} messages={messages} onChange={change} idPrefix="input" disabled={busy !== null} />

        {badCount > 0 && !error && (
          <p role="alert" className="error">
            {badCount === 1 ? 'One field needs attention.' : `${badCount} fields need attention.`}
          </p>
        )}
        {!props.canRun && <p className="act-note">Your token has the read scope only; running actions needs operate.</p>}
        <div className="act-run-buttons">
          {action.destructive && (
            <button type="button" disabled={!props.canRun || busy !== null || targets.length === 0} onClick={dryRun}>
              {busy === 'dry' ? 'Dry run…' : 'Dry run'}
            </button>
          )}
          <button type="submit" className={action.destructive ? 'act-danger' : 'act-primary'} disabled={!props.canRun || busy !== null || targets.length === 0}>
            {busy === 'run' ? 'Running…' : action.destructive ? 'Run…' : 'Run'}
          </button>
        </div>
        <p role="status" className="act-run-status">{busy === 'dry' ? 'Dry run in progress…' : busy === 'run' ? 'Running…' : result ? (result.dryRun ? 'Dry run finished.' : 'Finished.') : error ? 'The run failed.' : ''}</p>
      </form>

      {error && <ErrorView error={error} />}
      <div ref={resultRef} tabIndex={-1} className="act-result-anchor">
        {result && <ResultView dryRun={result.dryRun} output={result.output} view={view} onView={setView} {...(paths.includes('offset') ? { onNextPage: nextPage } : {})} />}
      </div>

      {action.destructive && (
      <ConfirmDialog
        open={confirming !== null}
        title={`${action.title}?`}
        confirmLabel={`Yes, run ${action.id}`}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const c = confirming;
          setConfirming(null);
          if (c) void run(c.input, false);
        }}
      >
        {confirming && (
          <>
            <p>
              This runs <code>{action.id}</code>
              {inputTarget(confirming.input) ? <> on <strong>{inputTarget(confirming.input)}</strong></> : null} in{' '}
              <strong>{confirming.target.label}</strong>. It changes data in Duo and cannot be undone from here.
            </p>
            <p>Use Dry run first to see what would change.</p>
          </>
        )}
      </ConfirmDialog>
      )}
    </article>
  );
}
