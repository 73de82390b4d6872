import { useState } from 'react';
import { api } from '../../api-client.ts';
import { navigate } from '../../router.ts';
import { Link } from '../../ui/Link.tsx';
import { actionPath } from '../actions/action-link.ts';
import type { NoMfaUser } from './coverage-api.ts';

interface PhoneRow {
  phone_id: string;
  number?: string;
  name?: string;
  activated?: boolean;
  type?: string;
}

/**
 * What to do about one user without MFA, in their organization's Duo account: enroll them (email
 * prefilled), send a phone's activation (their phones are looked up first: one goes straight to the
 * form, several are offered, none is said), or create a bypass code. Each opens the action's form
 * prefilled, with the organization as the target, so nothing runs without a last look.
 */
export function UserRowActions({ user, organizationId, integrationId }: { user: NoMfaUser; organizationId: string; integrationId: string }) {
  const on = `o:${organizationId}`;
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'phones'; phones: PhoneRow[] } | { kind: 'note'; text: string }>({ kind: 'idle' });
  const phoneLink = (p: PhoneRow) => actionPath('phones.send_sms_activation', { on, fields: p.number ? { number: p.number } : { phone_id: p.phone_id } });

  async function sendActivation() {
    setState({ kind: 'busy' });
    const res = await api<{ output: { items?: PhoneRow[] } }>('POST', '/api/actions/phones.list_for_user/run', {
      integration_id: integrationId,
      organization_id: organizationId,
      input: { username: user.username },
    });
    if (!res.ok) return setState({ kind: 'note', text: `Could not look up the phones: ${res.error.message}` });
    const phones = (res.body.output.items ?? []).filter((p) => p.type !== 'Landline');
    if (phones.length === 0) return setState({ kind: 'note', text: `${user.username} has no mobile phone in Duo: enroll them instead.` });
    if (phones.length === 1) return navigate(phoneLink(phones[0]!));
    setState({ kind: 'phones', phones });
  }

  return (
    <div className="row-actions-inline">
      <Link to={actionPath('users.enroll', { on, fields: { username: user.username, email: user.email ?? undefined } })} aria-label={`Enroll ${user.username}`}>
        Enroll
      </Link>
      <button type="button" className="link-button" aria-label={`Send activation to ${user.username}`} disabled={state.kind === 'busy'} onClick={() => void sendActivation()}>
        {state.kind === 'busy' ? 'Finding phones…' : 'Send activation'}
      </button>
      <Link to={actionPath('bypass_codes.create_for_user', { on, fields: { username: user.username, count: 1 } })} aria-label={`Create a bypass code for ${user.username}`}>
        Bypass code
      </Link>
      <span role="status" className="row-action-status">
        {state.kind === 'note' && state.text}
        {state.kind === 'phones' && (
          <>
            Which phone?{' '}
            {state.phones.map((p) => (
              <Link key={p.phone_id} to={phoneLink(p)}>{p.number || p.name || p.phone_id}{p.activated ? ' (activated)' : ''}</Link>
            ))}
          </>
        )}
      </span>
    </div>
  );
}
