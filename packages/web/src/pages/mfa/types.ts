/** A method as the Vault-compatible API reads it (keys only as hints). */
export interface VaultMethod {
  id: string;
  method_name: string;
  api_hostname: string;
  integration_key_hint: string | null;
  secret_key_hint: string | null;
  push_info: string;
  use_passcode: boolean;
  username_format: string;
  organization_id: string | null;
  base_url: string | null;
  push_limit: number;
  push_window_seconds: number;
  cooldown_seconds: number;
  created_at: string;
}

/** An organization as the MFA page needs it: only mapped ones have keys to use. */
export interface OrgOption {
  id: string;
  name: string;
  duo_account_id: string | null;
}
