import { HubError } from '../errors/hub-error.js';
import { scopeSatisfies, type Scope } from './scopes.js';

/** Who is acting: an API token, the CLI working on the store directly, or the hub itself. */
export interface Actor {
  kind: 'token' | 'cli' | 'system';
  /** The token's id (never the token); null for the CLI and the system. */
  tokenId: string | null;
  scopes: Scope[];
  /** Organizations the actor is limited to; null means every organization. */
  organizationIds: string[] | null;
}

/** The CLI on the store: the operator owns the data dir, so it acts as an unlimited admin. */
export const cliActor: Actor = { kind: 'cli', tokenId: null, scopes: ['admin'], organizationIds: null };

/** The hub's own writes (bootstrap, demo setup). */
export const systemActor: Actor = { kind: 'system', tokenId: null, scopes: ['admin'], organizationIds: null };

/** Throws `forbidden` unless the actor holds `scope`. */
export function requireScope(actor: Actor, scope: Scope): void {
  if (!scopeSatisfies(actor.scopes, scope)) {
    throw new HubError('forbidden', { message: `This token lacks the \`${scope}\` scope.`, details: { required_scope: scope } });
  }
}

/** Throws `forbidden` for a token limited to organizations (fleet-wide resources such as integrations). */
export function requireUnlimited(actor: Actor): void {
  if (actor.organizationIds !== null) {
    throw new HubError('forbidden', {
      message: 'This token is limited to organizations and cannot use fleet-wide resources.',
      details: { reason: 'organization_limited' },
    });
  }
}

/** Whether the actor may see or act on an organization. */
export function canAccessOrganization(actor: Actor, organizationId: string): boolean {
  return actor.organizationIds === null || actor.organizationIds.includes(organizationId);
}

/**
 * Throws `forbidden` when the organization is outside the actor's limit. Checked before the
 * organization is looked up, so a limited token learns nothing about ids outside its list.
 */
export function requireOrganizationAccess(actor: Actor, organizationId: string): void {
  if (!canAccessOrganization(actor, organizationId)) {
    throw new HubError('forbidden', {
      message: 'This token is not allowed to access that organization.',
      details: { reason: 'organization_limited' },
    });
  }
}
