import type { Actor } from './actor.js';

/** A presented token's fate: the actor behind it, or why it was refused. */
export type TokenCheck = { actor: Actor } | { refused: 'unknown' } | { refused: 'expired'; expired_at: string };

/** The 401 message for a refused token: an expired one says so (and when), so its owner knows to make a new one. */
export function tokenRefusalMessage(check: Exclude<TokenCheck, { actor: Actor }>): string {
  if (check.refused === 'expired') return `The token expired at ${check.expired_at}; create a new one.`;
  return 'The token is unknown or revoked.';
}
