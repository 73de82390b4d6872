/** A route's declared access, as the OpenAPI document exports it (`x-duohub-access`). */
export interface DeclaredAccess {
  scope: 'read' | 'operate' | 'admin' | 'approve';
  organization_limited: 'allowed' | 'denied';
}

/** A kind of caller in the matrix. */
export interface TokenKind {
  name: string;
  /** `none`, `malformed`, `unknown`, `revoked`: no valid token at all. */
  credential: 'none' | 'malformed' | 'unknown' | 'revoked' | 'valid';
  scope?: 'read' | 'operate' | 'admin';
  limited?: boolean;
}

/** What a request targets: the token's own organization, another one, or nothing in particular (fleet, lists). */
export type Target = 'own' | 'other' | 'fleet';

/** The answer the matrix expects: refused as unauthenticated, refused as forbidden, or let through. */
export type Expectation = 'unauthorized' | 'forbidden' | 'allowed';

const RANK = { read: 0, operate: 1, admin: 2 } as const;

/** `approve` stands beside the ranking: of the matrix's kinds only `admin` holds it. */
function holds(granted: NonNullable<TokenKind['scope']>, needed: DeclaredAccess['scope']): boolean {
  return needed === 'approve' ? granted === 'admin' : RANK[granted] >= RANK[needed];
}

/**
 * The expected answer for one cell: no valid token is unauthorized; a lower scope, a limited token
 * on a fleet-wide route, or a limited token on another organization (when the route refuses it
 * rather than filtering) is forbidden; otherwise allowed. `limitedForbidden` carries the rules a
 * route enforces beyond its declaration (e.g. Accounts and Auth API actions refuse every limited token).
 */
export function expectedAccess(
  access: DeclaredAccess,
  kind: TokenKind,
  target: Target,
  options: { otherIsFiltered?: boolean; limitedForbidden?: boolean } = {},
): Expectation {
  if (kind.credential !== 'valid') return 'unauthorized';
  if (!holds(kind.scope!, access.scope)) return 'forbidden';
  if (!kind.limited) return 'allowed';
  if (access.organization_limited === 'denied' || options.limitedForbidden) return 'forbidden';
  if (target === 'other' && !options.otherIsFiltered) return 'forbidden';
  return 'allowed';
}
