import { useEffect, useMemo, useRef, useState } from 'react';
import { api, listItems, type ApiError } from '../api-client.ts';
import { setQuery, useLocation } from '../router.ts';
import { can, useSession } from '../session.ts';
import { ErrorView } from '../ui/ErrorView.tsx';
import { Link } from '../ui/Link.tsx';
import { ActionCatalog } from './actions/ActionCatalog.tsx';
import { ActionRunner } from './actions/ActionRunner.tsx';
import type { ActionSummary } from './actions/action-summary.ts';
import { prefillFrom } from './actions/action-link.ts';
import { runTargets, type IntegrationRef, type OrganizationRef } from './actions/run-targets.ts';
import { chooseTarget } from './actions/target-choice.ts';
import { rememberedTarget, rememberTarget } from './actions/target-memory.ts';
import { schemaFields } from '../ui/schema-fields.ts';
import './actions/actions.css';

/** The id in `/actions/<id>`, or null on `/actions`. */
function selectedId(path: string): string | null {
  const rest = path.replace(/^\/actions\/?/, '');
  if (!rest) return null;
  try {
    return decodeURIComponent(rest.split('/')[0]!);
  } catch {
    return rest;
  }
}

/**
 * Actions: the catalog grouped by Duo API and resource, and the selected action (`/actions/<id>`, so it
 * can be linked and Back works) with a form generated from its input schema.
 */
export function ActionsPage() {
  const session = useSession();
  const loc = useLocation();
  const id = selectedId(loc.path);
  const limited = session.organization_ids !== null;
  const [actions, setActions] = useState<ActionSummary[] | null>(null);
  const [integrations, setIntegrations] = useState<IntegrationRef[]>([]);
  const [organizations, setOrganizations] = useState<OrganizationRef[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [filter, setFilter] = useState('');
  // The chosen account rides in the query (`?on=o:<id>`), so it survives Back and can be linked; the last
  // choice is also kept in this browser and preselected next time. Nothing else is ever preselected.
  const targetKey = loc.query.get('on') ?? '';
  const [remembered, setRemembered] = useState<string | null>(rememberedTarget);
  const keepQuery = targetKey ? `?on=${encodeURIComponent(targetKey)}` : '';
  const headingRef = useRef<string | null>(id);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [a, o, i] = await Promise.all([
        api<{ items: ActionSummary[] }>('GET', '/api/actions'),
        api<{ items: OrganizationRef[] }>('GET', '/api/organizations'),
        // Tokens limited to organizations may not list integrations; they run on their organizations.
        limited ? Promise.resolve(null) : api<{ items: IntegrationRef[] }>('GET', '/api/integrations'),
      ]);
      if (!live) return;
      if (a.ok) setActions(listItems(a.body));
      else setError(a.error);
      if (o.ok) setOrganizations(listItems(o.body));
      else setError(o.error);
      if (i && i.ok) setIntegrations(listItems(i.body));
      else if (i) setError(i.error);
    })();
    return () => {
      live = false;
    };
  }, [limited]);

  const action = useMemo(() => actions?.find((a) => a.id === id) ?? null, [actions, id]);
  const targets = useMemo(() => (action ? runTargets(action.api, integrations, organizations) : []), [action, integrations, organizations]);
  const target = chooseTarget(targets, targetKey, remembered);
  const catalogIds = useMemo(() => new Set((actions ?? []).map((a) => a.id)), [actions]);
  // Fields a follow-on link prefills (`?f.username=ann`), read once per action and link: the form owns them
  // after, and choosing another target (which rewrites the query) keeps what was typed.
  const prefillKey = [...loc.query].filter(([k]) => k.startsWith('f.')).map(([k, v]) => `${k}=${v}`).join('&');
  const prefill = useMemo(() => {
    if (!action) return {};
    const kinds: Record<string, string> = {};
    const walk = (fs: ReturnType<typeof schemaFields>) => {
      for (const f of fs) {
        kinds[f.path] = f.kind;
        if (f.fields) walk(f.fields);
      }
    };
    walk(schemaFields(action.input));
    return prefillFrom(loc.query, kinds);
  }, [action, prefillKey]);

  // Choosing another action moves focus to its heading, so keyboard users land on its form.
  useEffect(() => {
    if (!action || headingRef.current === action.id) return;
    headingRef.current = action.id;
    document.getElementById('action-h')?.focus();
  }, [action]);

  return (
    <section aria-labelledby="actions-h" className="actions-page">
      <h1 id="actions-h">Actions</h1>
      {error && <ErrorView error={error} />}
      {actions === null ? (
        !error && <p role="status">Loading the action catalog…</p>
      ) : (
        <div className="actions-layout">
          <ActionCatalog actions={actions} selectedId={id} filter={filter} onFilter={setFilter} query={keepQuery} />
          <div className="actions-detail">
            {id === null ? (
              <div className="act-empty">
                <h2>Choose an action</h2>
                <p>
                  Pick one from the catalog ({actions.length} actions, grouped by Duo API and resource), or type in the
                  filter box. Each action opens a form built from its input; destructive ones offer a dry run first.
                </p>
                {integrations.length === 0 && !limited && (
                  <p>No integration is set up yet: <Link to="/integrations">add one</Link> to run actions against Duo.</p>
                )}
              </div>
            ) : action === null ? (
              <div role="alert" className="error">
                <h2>No such action</h2>
                <p>
                  The catalog has no action <code>{id}</code>. <Link to={`/actions${keepQuery}`}>Back to the catalog</Link>.
                </p>
              </div>
            ) : (
              <ActionRunner
                key={`${action.id} ${prefillKey}`}
                action={action}
                targets={targets}
                target={target}
                onTarget={(key) => {
                  rememberTarget(key);
                  setRemembered(key);
                  setQuery({ on: key });
                }}
                prefill={prefill}
                catalogIds={catalogIds}
                canRun={can(session, 'operate')}
                limited={limited}
              />
            )}
          </div>
        </div>
      )}
    </section>
  );
}
