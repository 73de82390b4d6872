/** Token scopes, weakest first; each includes the ones before it. */
export const TOKEN_SCOPES = ['read', 'operate', 'admin'] as const;
/** Every scope a token can be given: the ranked three, then `approve` (bulk-run plans), which stands beside them. */
export const GRANTABLE_SCOPES = [...TOKEN_SCOPES, 'approve'] as const;
/** One scope. */
export type TokenScope = (typeof GRANTABLE_SCOPES)[number];

/** What each scope allows, for the checkbox hints. */
export const SCOPE_HINT: Record<TokenScope, string> = {
  read: 'see everything (lists, reports, audit)',
  operate: 'also run actions and verify users (includes read)',
  admin: 'also manage integrations, methods and tokens (includes operate and read)',
  approve: "approve bulk-run plans another token made (includes read; admin includes it)",
};

/** How long a new token works: never expiring, a number of days, or through a calendar date (`YYYY-MM-DD`). */
export type TokenExpiryChoice = { kind: 'never' } | { kind: 'days'; days: number } | { kind: 'date'; date: string };

/** The expiry menu: a few usual lifetimes, then a date of one's own. */
export const EXPIRY_PRESETS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'never', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'date', label: 'On a date…' },
];

/** The token form as typed. */
export interface TokenFormValues {
  name: string;
  scopes: TokenScope[];
  organization_ids: string[];
  /** Absent: never expires. */
  expiry?: TokenExpiryChoice;
}

/** The body of `POST /api/tokens`. */
export interface TokenCreateBody {
  name: string;
  scopes: TokenScope[];
  organization_ids: string[] | null;
  expires_at?: string;
  expires_in_days?: number;
}

/** The body of `POST /api/tokens`: no organizations chosen means every organization (null). */
export function tokenCreateBody(v: TokenFormValues): TokenCreateBody {
  const scopes = GRANTABLE_SCOPES.filter((s) => v.scopes.includes(s));
  const body: TokenCreateBody = { name: v.name.trim(), scopes, organization_ids: v.organization_ids.length > 0 ? [...new Set(v.organization_ids)] : null };
  const expiry = v.expiry ?? { kind: 'never' };
  if (expiry.kind === 'days') body.expires_in_days = expiry.days;
  if (expiry.kind === 'date') body.expires_at = endOfDay(expiry.date);
  return body;
}

/**
 * A date from the date picker as the instant it ends in the viewer's zone (the next local midnight),
 * so "expires on the 31st" works all of the 31st. Anything else is sent as typed: the API names the problem.
 */
export function endOfDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1);
  return Number.isNaN(d.getTime()) ? date : d.toISOString();
}

/** A token's state for the Status column: revoked (with when), expired, or active. */
export function tokenStateText(t: { revoked_at: string | null; expires_at?: string | null | undefined; status?: string | undefined }, now: Date = new Date()): 'Revoked' | 'Expired' | 'Active' {
  if (t.revoked_at || t.status === 'revoked') return 'Revoked';
  if (t.status === 'expired' || (t.expires_at && Date.parse(t.expires_at) <= now.getTime())) return 'Expired';
  return 'Active';
}

/** The widest scope held, with what it includes spelled out: `admin (includes operate, read)`. */
export function scopeSummary(scopes: readonly string[]): string {
  const held = TOKEN_SCOPES.filter((s) => scopes.includes(s));
  const widest = held[held.length - 1];
  // `approve` stands beside the ranking; admin includes it, so it is named only beside a lower scope.
  const approve = scopes.includes('approve') && widest !== 'admin' ? ' + approve' : '';
  if (!widest) return scopes.join(', ') || 'none';
  const implied = TOKEN_SCOPES.slice(0, TOKEN_SCOPES.indexOf(widest)).reverse();
  return (implied.length > 0 ? `${widest} (includes ${implied.join(', ')})` : widest) + approve;
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
