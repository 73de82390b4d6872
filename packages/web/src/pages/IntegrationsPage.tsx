import { useEffect, useState } from 'react';
import { api, listItems, type ApiError } from '../api-client.ts';
import { can, useSession } from '../session.ts';
import { ErrorView } from '../ui/ErrorView.tsx';
import { useFocusAfterCommit } from '../ui/use-focus-after-commit.ts';
import { IntegrationForm } from './integrations/IntegrationForm.tsx';
import { savedMessage, type SavedIntegration } from './integrations/saved-message.ts';
import { IntegrationTable } from './integrations/IntegrationTable.tsx';
import { LearnedLimits } from './integrations/LearnedLimits.tsx';
import type { Integration } from './integrations/integration-types.ts';
import './integrations/integrations.css';

/** Integrations: list, add and edit (checked on save, diagnosis inline), test connection, delete with confirmation. */
export function IntegrationsPage() {
  const manage = can(useSession(), 'admin');
  const [items, setItems] = useState<Integration[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const focusLater = useFocusAfterCommit();
  const [editing, setEditing] = useState<Integration | null>(null);
  const [notice, setNotice] = useState('');

  async function load() {
    const res = await api<{ items: Integration[] } | Integration[]>('GET', '/api/integrations');
    if (res.ok) {
      setItems(listItems(res.body));
      setLoadError(null);
    } else setLoadError(res.error);
  }
  useEffect(() => { void load(); }, []);

  function closeEdit(id: string) {
    setEditing(null);
    // Back to the button that opened the form, so keyboard users keep their place.
    focusLater(`edit-${id}`);
  }

  function saved(s: SavedIntegration) {
    setNotice(savedMessage(s));
    if (!s.created) closeEdit(s.integration.id);
    void load();
  }

  return (
    <section aria-labelledby="int-h" className="integrations-page">
      <h1 id="int-h">Integrations</h1>
      <p className="help">Each integration is a Duo parent account with up to three credential sets; every set is checked against Duo when saved.</p>
      <p role="status" className="ok">{notice}</p>
      {loadError && (
        <>
          <ErrorView error={loadError} />
          <button type="button" onClick={() => void load()}>Retry</button>
        </>
      )}
      {!items && !loadError && <p>Loading…</p>}
      {items && items.length === 0 && (
        <p>No integrations yet. {manage ? 'Add one below with the keys of your Duo Admin, Accounts or Auth API application.' : 'An administrator adds them.'}</p>
      )}
      {items && items.length > 0 && (
        <IntegrationTable
          items={items}
          editingId={editing?.id ?? null}
          canManage={manage}
          onEdit={(it) => { setNotice(''); setEditing(it); }}
          onAction={() => setNotice('')}
          onChanged={() => { setNotice('Integration deleted.'); void load(); }}
        />
      )}
      {items && items.length > 0 && (
        <section aria-labelledby="limits-h">
          <h2 id="limits-h">Learned Duo rate limits</h2>
          <p className="help">Duo does not publish every account's limits: the hub learns each account's pace and burst from how Duo answers, and starts the next runs from them.</p>
          {items.map((it) => <LearnedLimits key={it.id} integration={it} canManage={manage} />)}
        </section>
      )}
      {!manage && <p className="help">Only administrators can add, change, test or delete integrations.</p>}
      {manage && editing && (
        <IntegrationForm key={editing.id} stored={editing} onSaved={saved} onCancel={() => closeEdit(editing.id)} />
      )}
      {manage && !editing && <IntegrationForm onSaved={saved} />}
    </section>
  );
}
