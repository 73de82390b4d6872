import { useState } from 'react';
import { api, type ApiError } from '../../api-client.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { formatTime } from '../audit/format-time.ts';
// One learned bucket, as `GET /api/integrations/{id}/rate-limits` lists it.
import type { LearnedLimitView as LearnedLimit } from '../../../../hub/src/integrations/learned-limits/learned-limit-views.ts';
import type { Integration } from './integration-types.ts';

/** How a Duo account is named on screen: its organization's name when one is mapped to it. */
const accountName = (l: LearnedLimit) => (l.organization ? `${l.organization.name} (${l.account_id})` : l.account_id);

/** The index of each account's first row (items come ordered by account). */
function firstRowOfEachAccount(items: readonly LearnedLimit[]): Set<number> {
  const rows = new Set<number>();
  items.forEach((l, i) => {
    if (i === 0 || items[i - 1]!.account_id !== l.account_id) rows.add(i);
  });
  return rows;
}

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'loaded'; items: LearnedLimit[]; notice: string } | { kind: 'error'; error: ApiError };

/**
 * What the hub learned about Duo's rate limits for one integration's accounts, loaded when opened;
 * administrators may forget one account's or all of it (after a confirmation), so the next runs learn again.
 */
export function LearnedLimits(props: { integration: Integration; canManage: boolean }) {
  const { integration } = props;
  const [state, setState] = useState<State>({ kind: 'idle' });
  const path = `/api/integrations/${encodeURIComponent(integration.id)}/rate-limits`;
  const firstRows = state.kind === 'loaded' ? firstRowOfEachAccount(state.items) : new Set<number>();

  async function load(notice = '') {
    setState({ kind: 'loading' });
    const res = await api<{ items: LearnedLimit[] }>('GET', path);
    setState(res.ok ? { kind: 'loaded', items: res.body.items, notice } : { kind: 'error', error: res.error });
  }

  /** Forgets every account's limits, or one account's. */
  async function reset(accountId?: string) {
    const res = await api<{ accounts_reset: string[] }>('DELETE', accountId === undefined ? path : `${path}?account_id=${encodeURIComponent(accountId)}`);
    if (!res.ok) setState({ kind: 'error', error: res.error });
    else await load(`Forgot the limits learned for ${res.body.accounts_reset.length} Duo account(s).`);
  }

  return (
    <details
      className="learned-limits"
      data-integration={integration.name}
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open && state.kind === 'idle') void load();
      }}
    >
      <summary>{integration.name}</summary>
      {state.kind === 'loading' && <p>Loading…</p>}
      {state.kind === 'error' && <ErrorView error={state.error} />}
      {state.kind === 'loaded' && (
        <>
          <p role="status" className="ok">{state.notice}</p>
          {state.items.length === 0 ? (
            <p>Nothing learned yet: runs start from Duo's published rates.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Rate limits learned for {integration.name}</caption>
                <thead>
                  <tr><th scope="col">Duo account</th><th scope="col">Endpoints</th><th scope="col">Requests a minute</th><th scope="col">Burst</th><th scope="col">Learned</th>{props.canManage && <th scope="col"><span className="visually-hidden">Reset</span></th>}</tr>
                </thead>
                <tbody>
                  {state.items.map((l, i) => (
                    <tr key={`${l.account_id}|${l.api_host}|${l.endpoint_class}`} data-account={l.account_id}>
                      <th scope="row">{l.organization ? <>{l.organization.name} <span className="help">{l.account_id}</span></> : l.account_id}</th>
                      <td><code>{l.endpoint_class}</code></td>
                      <td>
                        {l.rate_per_minute} <span className="help">(Duo publishes {l.published_per_minute}{l.exploring ? '; still exploring upward' : ''})</span>
                      </td>
                      <td>{l.burst_known ? l.burst : `${l.burst} or more`}</td>
                      <td><time dateTime={l.learned_at}>{formatTime(l.learned_at)}</time>{l.expired && <span className="help"> (expired: the next run ignores it)</span>}</td>
                      {props.canManage && (
                        <td>
                          {/* One reset per account, on its first row: a reset forgets all of the account's buckets. */}
                          {firstRows.has(i) && (
                            <ConfirmButton
                              label="Reset"
                              ariaLabel={`Reset the learned limits of ${accountName(l)}`}
                              question={`Forget the rate limits learned for ${accountName(l)}? Its next run starts from Duo's published rates.`}
                              confirmLabel="Yes, reset"
                              onConfirm={() => reset(l.account_id)}
                            />
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {props.canManage && state.items.length > 0 && (
            <ConfirmButton
              label="Reset learned limits"
              ariaLabel={`Reset the learned limits of ${integration.name}`}
              question={`Forget the rate limits learned for every Duo account of “${integration.name}”? The next runs start from Duo's published rates and learn them again (a few 429s per account).`}
              confirmLabel="Yes, reset"
              onConfirm={() => reset()}
            />
          )}
        </>
      )}
    </details>
  );
}
