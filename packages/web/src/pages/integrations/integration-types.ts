/** The three Duo APIs an integration may hold credentials for, in display order. */
export const KINDS = ['admin', 'accounts', 'auth'] as const;

/** One of `KINDS`. */
export type Kind = (typeof KINDS)[number];

/** How each credential set is named on screen. */
export const KIND_LABEL: Record<Kind, string> = { admin: 'Admin API', accounts: 'Accounts API', auth: 'Auth API' };

/** The check result of one credential set, as the hub reports it. */
export interface SetCheck {
  kind: Kind;
  status: string;
  ok: boolean;
  message: string;
  missing_grants?: string[];
}

/** All checks of one integration. */
export interface CheckReport {
  ok: boolean;
  checked_at: string;
  sets: SetCheck[];
}

/** A stored credential set as reads return it: the secret only as a hint. */
export interface SetView {
  api_host: string;
  integration_key: string;
  secret_key_hint: string;
}

/** An integration as `GET /api/integrations` returns it. */
export interface Integration {
  id: string;
  name: string;
  base_url: string | null;
  admin?: SetView | null;
  accounts?: SetView | null;
  auth?: SetView | null;
  last_check?: CheckReport | null;
}

/** Whether a value is a check report (the `details` of `integration_check_failed`, or a test answer). */
export function isCheckReport(value: unknown): value is CheckReport {
  return typeof value === 'object' && value !== null && Array.isArray((value as { sets?: unknown }).sets);
}
