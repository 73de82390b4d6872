/** Token scopes, weakest first; each includes the ones before it. */
export const TOKEN_SCOPES = ['read', 'operate', 'admin'] as const;
/** One scope. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** What each scope allows, for the checkbox hints. */
export const SCOPE_HINT: Record<TokenScope, string> = {
  read: 'see everything (lists, reports, audit)',
  operate: 'also run actions and verify users (includes read)',
  admin: 'also manage integrations, methods and tokens (includes operate and read)',
};

/** The token form as typed. */
export interface TokenFormValues {
  name: string;
  scopes: TokenScope[];
  organization_ids: string[];
}

/** The body of `POST /api/tokens`: no organizations chosen means every organization (null). */
export function tokenCreateBody(v: TokenFormValues): { name: string; scopes: TokenScope[]; organization_ids: string[] | null } {
  const scopes = TOKEN_SCOPES.filter((s) => v.scopes.includes(s));
  return { name: v.name.trim(), scopes, organization_ids: v.organization_ids.length > 0 ? [...new Set(v.organization_ids)] : null };
}

/** The widest scope held, with what it includes spelled out: `admin (includes operate, read)`. */
export function scopeSummary(scopes: readonly string[]): string {
  const held = TOKEN_SCOPES.filter((s) => scopes.includes(s));
  const widest = held[held.length - 1];
  if (!widest) return scopes.join(', ') || 'none';
  const implied = TOKEN_SCOPES.slice(0, TOKEN_SCOPES.indexOf(widest)).reverse();
  return implied.length > 0 ? `${widest} (includes ${implied.join(', ')})` : widest;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A token's expiry as the list shows it: its date in the viewer's zone (`2026-12-31 23:59`, with
 * "expired" once past `now`), "Never" for a token without one, or a dash once revoked.
 */
export function expiryText(expiresAt: string | null | undefined, revokedAt: string | null, now: Date = new Date()): string {
  if (revokedAt) return '—';
  if (!expiresAt) return 'Never';
  const d = new Date(expiresAt);
  if (Number.isNaN(d.getTime())) return expiresAt;
  const text = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getTime() <= now.getTime() ? `${text} (expired)` : text;
}

/** Organization limits as names (ids the caller cannot resolve shown as ids); null is every organization. */
export function organizationSummary(ids: readonly string[] | null, names: ReadonlyMap<string, string>): string {
  if (ids === null) return 'All organizations';
  if (ids.length === 0) return 'None';
  return ids.map((id) => names.get(id) ?? id).join(', ');
}
