import { randomBytes } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { systemActor } from './actor.js';
import { hashApiToken } from './api-token.js';
import type { Scope } from './scopes.js';
import { createToken } from './token-service.js';

/** Prefix of a sign-in token: tells it apart from an API token (`dh_`) in a URL or a log. */
export const SIGN_IN_TOKEN_PREFIX = 'dhs_';

/** How long a sign-in link works when unused. */
export const SIGN_IN_TTL_MS = 15 * 60_000;

interface PendingSignIn {
  expiresAt: number;
  name: string;
  scopes: Scope[];
  organizationIds: string[] | null;
}

// Kept in the issuing process only (by hash, like API tokens): a link is for the person at this
// hub's console, so it never needs to survive a restart or reach another replica. Nothing to leak
// from the store, and a restart voids every outstanding link.
const pendingByHub = new WeakMap<HubContext, Map<string, PendingSignIn>>();

function pendingOf(hub: HubContext): Map<string, PendingSignIn> {
  let pending = pendingByHub.get(hub);
  if (!pending) pendingByHub.set(hub, (pending = new Map()));
  const now = hub.now().getTime();
  for (const [hash, entry] of pending) if (entry.expiresAt <= now) pending.delete(hash);
  return pending;
}

/** What the web UI's sign-in exchange returns: a new API token (shown to that browser only) and its access. */
export interface SignInExchangeResult {
  token: string;
  token_id: string;
  scopes: string[];
  organization_ids: string[] | null;
}

/**
 * Issues a one-time sign-in token for a link such as `http://hub/#token=dhs_...` (`duohub demo`
 * prints one). It grants nothing itself: the UI exchanges it once, within `ttlMs`, for a new API
 * token with `scopes`, so the link in a terminal's scrollback or shell history is worthless once used.
 */
export function issueSignInToken(
  hub: HubContext,
  options: { name?: string; scopes?: Scope[]; organizationIds?: string[] | null; ttlMs?: number } = {},
): { token: string; expires_at: string } {
  const token = SIGN_IN_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  hub.scrubber.add(token);
  const expiresAt = hub.now().getTime() + (options.ttlMs ?? SIGN_IN_TTL_MS);
  pendingOf(hub).set(hashApiToken(token), {
    expiresAt,
    name: options.name ?? 'web sign-in link',
    scopes: options.scopes ?? ['admin'],
    organizationIds: options.organizationIds ?? null,
  });
  return { token, expires_at: new Date(expiresAt).toISOString() };
}

/**
 * Trades a sign-in token for a new API token, once: the entry is removed before anything else
 * happens (synchronously, so two requests racing with the same link cannot both win). Undefined
 * for an unknown, expired or already used token.
 */
export async function exchangeSignInToken(hub: HubContext, token: string): Promise<SignInExchangeResult | undefined> {
  const pending = pendingOf(hub);
  const hash = hashApiToken(token);
  const entry = pending.get(hash);
  pending.delete(hash);
  if (!entry || entry.expiresAt <= hub.now().getTime()) return undefined;
  const created = await createToken(hub, systemActor, { name: entry.name, scopes: entry.scopes, organization_ids: entry.organizationIds });
  return { token: created.token, token_id: created.id, scopes: created.scopes, organization_ids: created.organization_ids };
}
