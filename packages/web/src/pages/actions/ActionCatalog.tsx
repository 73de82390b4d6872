import { useEffect, useRef } from 'react';
import { humanize } from '../../ui/schema-fields.ts';
import { Link } from '../../ui/Link.tsx';
import type { ActionSummary } from './action-summary.ts';
import { groupCatalog } from './group-catalog.ts';

/** The catalog as a filterable navigation list, grouped by Duo API and resource; each action is a link. */
export function ActionCatalog(props: { actions: readonly ActionSummary[]; selectedId: string | null; filter: string; onFilter(f: string): void; query?: string }) {
  const groups = groupCatalog(props.actions, props.filter);
  const navRef = useRef<HTMLElement>(null);
  // Keeps the selected action visible in the catalog's own scroll box (not the window) when it changes.
  useEffect(() => {
    const nav = navRef.current;
    const link = nav?.querySelector<HTMLElement>('a[aria-current="page"]');
    if (!nav || !link) return;
    const top = link.getBoundingClientRect().top - nav.getBoundingClientRect().top;
    if (top < 0 || top > nav.clientHeight - link.offsetHeight) nav.scrollTop += top - nav.clientHeight / 3;
  }, [props.selectedId]);
  const shown = groups.reduce((n, g) => n + g.resources.reduce((m, r) => m + r.actions.length, 0), 0);
  return (
    <nav ref={navRef} className="action-catalog" aria-label="Action catalog">
      <label htmlFor="action-filter">Filter actions</label>
      <input
        id="action-filter"
        type="search"
        value={props.filter}
        placeholder="e.g. users, bypass, delete"
        autoComplete="off"
        aria-describedby="action-filter-count"
        onChange={(e) => props.onFilter(e.target.value)}
      />
      <p id="action-filter-count" className="catalog-count" aria-live="polite">
        {props.filter ? `${shown} of ${props.actions.length} actions match.` : `${props.actions.length} actions.`}
      </p>
      {groups.length === 0 && (
        <p className="act-empty">
          No action matches “{props.filter}”. Try a resource (users, phones) or a verb (list, delete).{' '}
          <button type="button" onClick={() => props.onFilter('')}>Clear the filter</button>
        </p>
      )}
      {groups.map((g) => (
        <section key={g.api} aria-labelledby={`api-${g.api}`}>
          <h2 id={`api-${g.api}`}>{g.label}</h2>
          {g.resources.map((r) => (
            <div key={r.resource} className="catalog-resource">
              <h3 id={`res-${g.api}-${r.resource}`}>{humanize(r.resource)}</h3>
              <ul aria-labelledby={`res-${g.api}-${r.resource}`}>
                {r.actions.map((a) => (
                  <li key={a.id}>
                    <Link to={`/actions/${a.id}${props.query ?? ''}`} aria-current={a.id === props.selectedId ? 'page' : undefined}>
                      {a.title}
                    </Link>
                    {a.destructive && <span className="act-badge act-badge-destructive" title="Changes or deletes data; has a dry run">destructive</span>}
                    {a.read_only && <span className="act-badge">read-only</span>}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </nav>
  );
}
