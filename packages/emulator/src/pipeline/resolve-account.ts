import { failures, fail } from '../duo-result.js';
import type { ApiFamily, DuoResult } from '../route.js';
import { accountByHost, parentAccount } from '../state/lookup.js';
import type { Account, EmulatorState, Integration } from '../state/types.js';

/** What account resolution needs to know about one request. */
export interface AccountQuery {
  state: EmulatorState;
  /** The request's host (lower-cased, no port). */
  host: string;
  /** The host the signature verified over, which differs when a client signs a hostname it does not connect to. */
  signedHost: string | undefined;
  api: ApiFamily;
  /** The signing integration and its account; undefined on unsigned routes. */
  signer: { account: Account; integration: Integration } | undefined;
  /** `account_id` on an Admin route (a business parameter on Accounts routes, so not passed there). */
  accountId: string | undefined;
  defaultAccountId: string | undefined;
}

/** The account a call acts on, and whether a parent's Accounts API key is acting on a child. */
export type AccountResolution =
  | { ok: true; account: Account; actingOnChild: boolean }
  | { ok: false; result: Extract<DuoResult, { kind: 'fail' }> };

/**
 * Picks the account: the host's, else (IPs, localhost) `defaultAccountId`, else the signer's own.
 * A parent's Accounts API key reaches a child through `account_id`, on the child's host or the parent's.
 */
export function resolveAccount(q: AccountQuery): AccountResolution {
  const byHost = accountByHost(q.state, q.host) ?? (q.signedHost ? accountByHost(q.state, q.signedHost) : undefined);
  const fallback =
    (q.defaultAccountId !== undefined ? q.state.accounts[q.defaultAccountId] : undefined) ??
    q.signer?.account ??
    parentAccount(q.state);
  const hostAccount = byHost ?? fallback;
  if (!q.signer) return { ok: true, account: hostAccount, actingOnChild: false };
  const { account: owner, integration } = q.signer;
  const ownsHost = hostAccount.account_id === owner.account_id;
  const hostIsChild = hostAccount.parent_id === owner.account_id;

  if (q.api === 'admin' && q.accountId !== undefined && integration.type === 'accounts') {
    const target = q.state.accounts[q.accountId];
    if (!target || target.parent_id !== owner.account_id) {
      return { ok: false, result: forbidden('Invalid account_id: not a child account of this parent.') };
    }
    if (!ownsHost && hostAccount.account_id !== target.account_id) {
      return { ok: false, result: forbidden('account_id does not match the API hostname.') };
    }
    return { ok: true, account: target, actingOnChild: true };
  }
  if (q.api === 'admin' && q.accountId !== undefined && q.accountId !== owner.account_id) {
    return { ok: false, result: forbidden('Invalid account_id for this integration.') };
  }
  // An Accounts API key on a child's host without account_id is a wrong-type call, decided by authorize.
  if (ownsHost || (integration.type === 'accounts' && hostIsChild)) {
    return { ok: true, account: ownsHost ? hostAccount : owner, actingOnChild: false };
  }
  // Each api_hostname is its own Duo deployment: another account's key is unknown there.
  return { ok: false, result: fail(401, 40102, 'Invalid integration key in request credentials') as Failure };
}

type Failure = Extract<DuoResult, { kind: 'fail' }>;
const forbidden = (detail: string) => failures.forbidden(detail) as Failure;
