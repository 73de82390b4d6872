/**
 * Field names whose values never reach an audit entry or a log line: bypass codes, passcodes,
 * activation links (they let anyone activate as the user), tokens and keys.
 */
export const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set([
  'codes',
  'code',
  'bypass_codes',
  'passcode',
  'password',
  'activation_url',
  // An administrator's activation link lets anyone become that administrator.
  'link',
  'activation_barcode',
  'activation_code',
  'installation_url',
  'trusted_device_token',
  'secret_key',
  'skey',
  // OAuth and OIDC client secrets (integrations).
  'client_secret',
  'directory_key',
  // Hardware tokens: seeds, YubiKey credentials and the codes a resync spends.
  'secret',
  'aes_key',
  'private_id',
  'code1',
  'code2',
  'code3',
  'token',
  'authorization',
]);

/** What replaces a removed value, so the entry still shows the field was given. */
export const REDACTED = '[redacted]';

/**
 * A deep copy of an action input (or output) with every secret field's value replaced, at any
 * depth (generic calls nest parameters). Field names compare case-insensitively.
 */
export function redactActionInput(value: unknown, depth = 0): unknown {
  if (depth > 8) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactActionInput(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_FIELD_NAMES.has(key.toLowerCase()) ? REDACTED : redactActionInput(v, depth + 1);
  }
  return out;
}
