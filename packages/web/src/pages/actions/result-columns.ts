/**
 * The columns a result table shows first, per catalog resource: what people look for in each list.
 * The rest stays one click away ("All columns").
 */
export const RESOURCE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['username', 'realname', 'email', 'status', 'is_enrolled', 'last_login'],
  phones: ['number', 'name', 'type', 'platform', 'activated'],
  groups: ['name', 'desc', 'status'],
  admins: ['name', 'email', 'role', 'status', 'last_login'],
  integrations: ['name', 'type', 'integration_key'],
  policies: ['policy_name', 'is_global_policy', 'policy_key'],
  bypass_codes: ['user', 'created', 'expiration', 'reuse_count', 'admin_email'],
  hardware_tokens: ['serial', 'type', 'users'],
  accounts: ['name', 'account_id', 'api_hostname'],
  administrative_units: ['name', 'description'],
  webauthn_credentials: ['credential_name', 'label', 'user', 'date_added'],
  desktop_authenticators: ['name', 'os_family', 'user', 'date_added'],
  registered_devices: ['name', 'os_family', 'last_seen', 'user'],
  endpoints: ['device_name', 'os_family', 'username', 'last_updated'],
};

/**
 * The columns to show for `resource`: its chosen ones that the rows have, in the chosen order, or
 * every column when fewer than two of the chosen ones are there (an unusual answer is shown whole).
 */
export function preferredColumns(resource: string, columns: readonly string[]): string[] {
  const chosen = (RESOURCE_COLUMNS[resource] ?? []).filter((c) => columns.includes(c));
  return chosen.length >= 2 ? chosen : [...columns];
}
