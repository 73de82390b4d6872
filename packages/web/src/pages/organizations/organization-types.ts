/** An organization as `GET /api/organizations` returns it: the directory key only as a hint. */
export interface Organization {
  id: string;
  name: string;
  email_domains: string[];
  integration_id: string | null;
  duo_account_id: string | null;
  duo_account_name: string | null;
  mapping_source: 'manual' | 'suggested' | null;
  mapping_confidence: number | null;
  mapping_reason: string | null;
  duo_admin_api_directory_key_hint: string | null;
  /** The organization's own Auth API keys (its Duo account's), the secret only as a hint. */
  auth: { api_host: string; integration_key: string; secret_key_hint: string } | null;
}

/** What the hub thinks of one organization's mapping. */
export type SuggestionStatus = 'new' | 'unchanged' | 'change' | 'manual' | 'mapped_elsewhere' | 'no_candidate';

/** One proposed mapping from `GET /api/integrations/{id}/mapping-suggestions`. */
export interface Suggestion {
  organization_id: string;
  organization_name: string;
  status: SuggestionStatus;
  duo_account_id: string | null;
  duo_account_name: string | null;
  confidence: number;
  reason: string;
}

/** A Duo child account from `GET /api/integrations/{id}/accounts`. */
export interface DuoAccount {
  account_id: string;
  name: string;
  api_hostname: string;
}

/** An integration as the organizations page needs it. */
export interface IntegrationRef {
  id: string;
  name: string;
}

/** How each suggestion status reads on screen. */
export const SUGGESTION_STATUS_LABEL: Record<SuggestionStatus, string> = {
  new: 'new',
  change: 'would change the current mapping',
  unchanged: 'already mapped there',
  manual: 'manual mapping kept',
  mapped_elsewhere: 'mapped through another integration',
  no_candidate: 'no candidate',
};

/** Whether accepting a suggestion would change anything (the hub skips the other statuses). */
export const isActionable = (s: Suggestion): boolean => (s.status === 'new' || s.status === 'change') && s.duo_account_id !== null;
