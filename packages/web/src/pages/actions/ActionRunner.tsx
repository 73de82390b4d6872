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
import { actionPath } from './action-link.ts';
import { groupReferenceFields } from './reference-fields.ts';
import { ResultView, type ResultViewMode, type RowLink } from './ResultView.tsx';
import { rowActions } from './row-actions.ts';
import { inputTarget, type RunTarget } from './run-targets.ts';

const TARGET_FIELD = '$target';

/**
 * One action: where it runs (chosen explicitly, named beside Run), its generated form, Run (and for
 * destructive actions Dry run, with the real run behind a confirmation naming the target account, asked
 * twice on a parent account) and the answer, with follow-on actions on its rows. Results, including one-time
 * bypass codes, live only in this component's state; the page remounts it per action.
 */
export function ActionRunner(props: {
  action: ActionSummary;
  targets: RunTarget[];
  /** The chosen target (from the URL or this browser's last choice), or undefined until one is chosen. */
  target: RunTarget | undefined;
  onTarget(key: string): void;
  canRun: boolean;
  limited: boolean;
  /** Field values to start from (a follow-on action's link), keyed by field path. */
  prefill?: FormValues;
  /** Ids of the catalog's actions, to offer follow-on actions on result rows. */
  catalogIds?: ReadonlySet<string>;
}) {
  const { action, targets, target } = props;
  const fields = useMemo(() => schemaFields(action.input), [action]);
  const shownFields = useMemo(() => groupReferenceFields(fields), [fields]);
  const paths = useMemo(() => fieldPaths(fields), [fields]);
  const [values, setValues] = useState<FormValues>(() => ({ ...initialValues(fields), ...props.prefill }));
  const [messages, setMessages] = useState<FieldMessages>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'run' | 'dry' | null>(null);
  const [result, setResult] = useState<(RunResult & { target: RunTarget }) | null>(null);
  const [view, setView] = useState<ResultViewMode>('table');
  // A destructive run asks first; on a parent account it asks a second time, naming the account.
  const [confirming, setConfirming] = useState<{ input: Record<string, unknown>; target: RunTarget; step: 1 | 2 } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const focusLater = useFocusAfterCommit();

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

  async function run(input: Record<string, unknown>, dryRun: boolean, on: RunTarget | undefined = target) {
    if (!on) return;
    setBusy(dryRun ? 'dry' : 'run');
    setError(null);
    setResult(null);
    const body: Record<string, unknown> = { integration_id: on.integrationId, input };
    if (on.organizationId) body.organization_id = on.organizationId;
    if (dryRun) body.dry_run = true;
    const res = await api<RunResult>('POST', `/api/actions/${encodeURIComponent(action.id)}/run`, body);
    setBusy(null);
    if (res.ok) {
      setResult({ ...res.body, target: on });
      focusLater(() => resultRef.current);
      return;
    }
    const placed = placeFieldIssues(res.error.details, paths, { rename: { integration_id: TARGET_FIELD, organization_id: TARGET_FIELD } });
    setMessages(placed.fields);
    // ErrorView lists the issues the form could not place next to a field.
    setError({ ...res.error, details: Array.isArray(res.error.details) ? placed.other.map((o) => ({ path: o.field, message: o.message })) : res.error.details });
    if (Object.keys(placed.fields).length > 0) focusFirstInvalid();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = readForm();
    if (!input || !target) return;
    if (action.destructive) setConfirming({ input, target, step: 1 });
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
    // The next page comes from the account the list came from, even if the choice changed since.
    if (Object.keys(issues).length === 0) void run(input, false, result?.target ?? target);
    else setMessages(issues);
  }

  /** Follow-on actions on a result row: the same target the list ran on, the row's name prefilled. */
  function rowLinks(row: Record<string, unknown>, on: RunTarget): RowLink[] {
    if (!props.catalogIds || !props.canRun) return [];
    const subject = String(row['username'] ?? row['number'] ?? row['name'] ?? row['user_id'] ?? row['phone_id'] ?? row['bypass_code_id'] ?? '');
    return rowActions(action.resource, row, props.catalogIds).map((a) => ({
      label: a.label,
      subject,
      to: actionPath(a.actionId, { on: on.key, fields: a.fields }),
    }));
  }

  const targetMessage = messages[TARGET_FIELD];
  const badCount = Object.keys(messages).length;
  return (
    <article className="action-runner" aria-labelledby="action-h">
      <h2 id="action-h" tabIndex={-1}>{action.title}</h2>
      <p className="action-meta">
        <code>{action.id}</code> · {apiLabel} · {action.read_only ? 'read-only' : action.idempotent ? 'idempotent' : 'not idempotent'}
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
                onChange={(e) => {
                  props.onTarget(e.target.value);
                  if (messages[TARGET_FIELD]) setMessages(({ [TARGET_FIELD]: _gone, ...rest }) => rest);
                }}
              >
                {!target && <option value="" disabled>Choose where to run…</option>}
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

        <SchemaForm fields={shownFields} values={values} messages={messages} onChange={change} idPrefix="input" disabled={busy !== null} />

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
          <button type="submit" className={action.destructive ? 'act-danger' : 'act-primary'} disabled={!props.canRun || busy !== null || targets.length === 0} aria-describedby="run-on-summary">
            {busy === 'run' ? 'Running…' : action.destructive ? 'Run…' : 'Run'}
          </button>
          <span id="run-on-summary" className={target?.parent ? 'act-run-on act-run-on-parent' : 'act-run-on'}>
            {target ? <>on <strong>{target.account}</strong></> : targets.length > 0 ? 'Choose where to run first.' : ''}
          </span>
        </div>
        <p role="status" className="act-run-status">{busy === 'dry' ? 'Dry run in progress…' : busy === 'run' ? 'Running…' : result ? (result.dry_run ? 'Dry run finished.' : 'Finished.') : error ? 'The run failed.' : ''}</p>
      </form>

      {error && <ErrorView error={error} />}
      <div ref={resultRef} tabIndex={-1} className="act-result-anchor">
        {result && (
          <ResultView
            dryRun={result.dry_run}
            output={result.output}
            view={view}
            onView={setView}
            resource={action.resource}
            ranOn={result.target.account}
            rowLink={(row) => rowLinks(row, result.target)}
            {...(paths.includes('offset') ? { onNextPage: nextPage } : {})}
          />
        )}
      </div>

      {action.destructive && (
        <ConfirmDialog
          open={confirming !== null}
          step={confirming?.step ?? 1}
          title={confirming?.step === 2 ? `Run on the parent account?` : `${action.title}?`}
          confirmLabel={confirming?.step === 2 ? `Yes, run on ${confirming.target.account}` : `Yes, run ${action.id}`}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const c = confirming;
            if (c && c.step === 1 && c.target.parent) return setConfirming({ ...c, step: 2 });
            setConfirming(null);
            if (c) void run(c.input, false, c.target);
          }}
        >
          {confirming && confirming.step === 1 && (
            <>
              <p>
                This runs <code>{action.id}</code>
                {inputTarget(confirming.input) ? <> on <strong>{inputTarget(confirming.input)}</strong></> : null} in{' '}
                <strong>{confirming.target.account}</strong>. It changes data in Duo and cannot be undone from here.
              </p>
              <p>Use Dry run first to see what would change.</p>
            </>
          )}
          {confirming && confirming.step === 2 && (
            <>
              <p>
                This runs on <strong>{confirming.target.account}</strong>: the integration’s own Duo account, not a client
                organization. Its users, phones and settings are the service provider’s own, and some settings reach every child account.
              </p>
              <p>
                Run <code>{action.id}</code>
                {inputTarget(confirming.input) ? <> on {inputTarget(confirming.input)}</> : null} on the parent account anyway?
              </p>
            </>
          )}
        </ConfirmDialog>
      )}
    </article>
  );
}
