import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, listItems, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { fieldIssues, issueFor } from '../../ui/field-issues.ts';
import { accountOptions } from './account-options.ts';
import { formFromOrganization, organizationPatchBody, type OrganizationForm } from './organization-patch-body.ts';
import type { DuoAccount, IntegrationRef, Organization } from './organization-types.ts';

type Accounts = { state: 'loading' } | { state: 'ready'; items: DuoAccount[] } | { state: 'error'; error: ApiError };

/**
 * Edits one organization in a modal dialog (focus stays inside; Escape cancels): name and domains, the
 * manual mapping (a Duo child account Duo lists under the chosen integration, the parent, or none), and
 * the write-only directory key and the organization's own Auth API keys, of whose secrets only hints are
 * ever shown back. Also deletes it.
 */
export function OrganizationEditor(props: {
  org: Organization;
  orgs: readonly Organization[];
  integrations: readonly IntegrationRef[];
  defaultIntegrationId: string;
  /** Tokens limited to organizations may edit them but not their mapping. */
  canMap: boolean;
  onClose(): void;
  onSaved(o: Organization, changed: string[]): void;
  onDeleted(o: Organization): void;
}) {
  const { org } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<OrganizationForm>(() => formFromOrganization(org, props.defaultIntegrationId));
  const [accounts, setAccounts] = useState<Accounts>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const issues = fieldIssues(error?.details);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    if (!form.integration_id || !props.canMap) return;
    let live = true;
    setAccounts({ state: 'loading' });
    void api<{ items: DuoAccount[] }>('GET', `/api/integrations/${form.integration_id}/accounts`).then((res) => {
      if (!live) return;
      setAccounts(res.ok ? { state: 'ready', items: listItems(res.body) } : { state: 'error', error: res.error });
    });
    return () => { live = false; };
  }, [form.integration_id]);

  const options = accountOptions(accounts.state === 'ready' ? accounts.items : null, props.orgs, org, form.integration_id);

  function close() {
    dialog.current?.close();
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const body = organizationPatchBody(org, form);
    setError(null);
    setUnchanged(false);
    if (Object.keys(body).length === 0) return setUnchanged(true);
    setBusy(true);
    const res = await api<Organization>('PATCH', `/api/organizations/${org.id}`, body);
    setBusy(false);
    if (!res.ok) return setError(res.error);
    props.onSaved(res.body, Object.keys(body));
  }

  /** One click: Duo creates the Auth API application in this organization's account; the hub stores its keys. */
  async function createAuthApplication() {
    setBusy(true);
    setError(null);
    const res = await api<{ organization: Organization; integration_key: string }>('POST', `/api/organizations/${org.id}/auth-application`, {});
    setBusy(false);
    if (!res.ok) return setError(res.error);
    props.onSaved(res.body.organization, ['auth']);
  }

  async function remove() {
    setBusy(true);
    setError(null);
    const res = await api('DELETE', `/api/organizations/${org.id}`);
    setBusy(false);
    if (!res.ok) return setError(res.error);
    props.onDeleted(org);
  }

  const set = <K extends keyof OrganizationForm>(k: K, v: OrganizationForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const described = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || undefined;
  const nameIssue = issueFor(issues, 'name');
  const domainsIssue = issueFor(issues, 'email_domains');
  const mappingIssue = [issueFor(issues, 'integration_id'), issueFor(issues, 'duo_account_id')].filter(Boolean).join('; ');
  const keyIssue = issueFor(issues, 'duo_admin_api_directory_key');
  const authIssue = ['auth', 'auth.api_host', 'auth.integration_key', 'auth.secret_key'].map((f) => issueFor(issues, f)).filter(Boolean).join('; ');

  return (
    <dialog ref={dialog} className="org-editor" aria-labelledby="org-edit-h" onClose={props.onClose}>
      <h2 id="org-edit-h">Edit "{org.name}"</h2>
      <form onSubmit={save} aria-label={`Edit "${org.name}"`}>
        <label htmlFor="org-edit-name">Name</label>
        {/* Names are unique fleet-wide, so only unlimited admins (the ones who may map) rename. */}
        <input id="org-edit-name" value={form.name} readOnly={!props.canMap} onChange={(e) => set('name', e.target.value)} aria-describedby={nameIssue ? 'org-edit-name-issue' : undefined} />
        {nameIssue && <p id="org-edit-name-issue" className="error field-issue">{nameIssue}</p>}

        <label htmlFor="org-edit-domains">Email domains</label>
        <input id="org-edit-domains" value={form.domains} onChange={(e) => set('domains', e.target.value)} aria-describedby={described('org-edit-domains-help', domainsIssue && 'org-edit-domains-issue')} />
        <p id="org-edit-domains-help" className="help">Separate with commas or spaces.</p>
        {domainsIssue && <p id="org-edit-domains-issue" className="error field-issue">{domainsIssue}</p>}

        {props.canMap && (
        <fieldset>
          <legend>Mapping to Duo</legend>
          <label htmlFor="org-edit-integration">Integration</label>
          <select id="org-edit-integration" value={form.integration_id} onChange={(e) => setForm((f) => ({ ...f, integration_id: e.target.value, duo_account_id: '' }))}>
            {props.integrations.length === 0 && <option value="">No integrations yet</option>}
            {props.integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
          <label htmlFor="org-edit-account">Duo child account</label>
          <select
            id="org-edit-account"
            value={form.duo_account_id}
            onChange={(e) => set('duo_account_id', e.target.value)}
            aria-describedby={described('org-edit-account-help', mappingIssue && 'org-edit-account-issue')}
          >
            {options.map((o) => <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>)}
          </select>
          <p id="org-edit-account-help" className="help" aria-live="polite">
            {accounts.state === 'loading' && form.integration_id ? 'Loading the child accounts from Duo…' : 'A mapping chosen here is manual: Suggest and Apply never change it.'}
          </p>
          {accounts.state === 'error' && <ErrorView error={accounts.error} />}
          {mappingIssue && <p id="org-edit-account-issue" className="error field-issue">{mappingIssue}</p>}
        </fieldset>
        )}

        <fieldset>
          <legend>Directory key</legend>
          <label htmlFor="org-edit-dirkey">Admin API directory key</label>
          <input
            id="org-edit-dirkey"
            type="password"
            autoComplete="off"
            value={form.directory_key}
            disabled={form.clear_directory_key}
            onChange={(e) => set('directory_key', e.target.value)}
            aria-describedby={described('org-edit-dirkey-help', keyIssue && 'org-edit-dirkey-issue')}
          />
          <p id="org-edit-dirkey-help" className="help">
            {org.duo_admin_api_directory_key_hint
              ? <>Stored key ends <span className="hint">{org.duo_admin_api_directory_key_hint}</span>. Leave blank to keep it; type a new one to replace it.</>
              : 'None stored. The key of the Duo directory that directory-sync actions use; it is write-only.'}
          </p>
          {keyIssue && <p id="org-edit-dirkey-issue" className="error field-issue">{keyIssue}</p>}
          {org.duo_admin_api_directory_key_hint && (
            <div className="check-row">
              <input id="org-edit-dirkey-clear" type="checkbox" checked={form.clear_directory_key} onChange={(e) => set('clear_directory_key', e.target.checked)} />
              <label htmlFor="org-edit-dirkey-clear" className="inline">Clear the stored directory key</label>
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>Auth API (verify)</legend>
          <p id="org-edit-auth-help" className="help">
            {org.auth
              ? <>Stored secret ends <span className="hint">{org.auth.secret_key_hint}</span>. Leave it blank to keep it; type a new one to replace it.</>
              : "None stored. The Auth API application of this organization's own Duo account: verifying its users needs it. Checked with Duo on save."}
          </p>
          <label htmlFor="org-edit-auth-host">API hostname</label>
          <input id="org-edit-auth-host" value={form.auth_host} disabled={form.clear_auth} onChange={(e) => set('auth_host', e.target.value)} aria-describedby="org-edit-auth-help" />
          <label htmlFor="org-edit-auth-ikey">Integration key</label>
          <input id="org-edit-auth-ikey" value={form.auth_ikey} disabled={form.clear_auth} onChange={(e) => set('auth_ikey', e.target.value)} />
          <label htmlFor="org-edit-auth-skey">Secret key</label>
          <input
            id="org-edit-auth-skey"
            type="password"
            autoComplete="off"
            value={form.auth_skey}
            disabled={form.clear_auth}
            onChange={(e) => set('auth_skey', e.target.value)}
            aria-describedby={described('org-edit-auth-help', authIssue && 'org-edit-auth-issue')}
          />
          {authIssue && <p id="org-edit-auth-issue" className="error field-issue">{authIssue}</p>}
          {!org.auth && org.duo_account_id && (
            <p>
              <button type="button" id="org-edit-auth-create" disabled={busy} onClick={() => void createAuthApplication()}>
                Create an Auth API application in {org.duo_account_name ?? 'its Duo account'}
              </button>{' '}
              <span className="help">Duo makes the application; its keys are stored here, sealed.</span>
            </p>
          )}
          {org.auth && (
            <div className="check-row">
              <input id="org-edit-auth-clear" type="checkbox" checked={form.clear_auth} onChange={(e) => set('clear_auth', e.target.checked)} />
              <label htmlFor="org-edit-auth-clear" className="inline">Remove the stored Auth API keys</label>
            </div>
          )}
        </fieldset>

        <div className="form-actions">
          <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
          <button type="button" onClick={close}>Cancel</button>
          <ConfirmButton
            label="Delete organization"
            question={`Delete the organization “${org.name}”? Its mapping and directory key are erased; this cannot be undone.`}
            confirmLabel="Yes, delete it"
            disabled={busy}
            onConfirm={remove}
          />
        </div>
        <p aria-live="polite">{unchanged ? 'Nothing changed; nothing to save.' : ''}</p>
        {error && <ErrorView error={error} />}
      </form>
    </dialog>
  );
}
