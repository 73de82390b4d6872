import type { FieldIssue } from '../../ui/field-issues.ts';

/** A Vault-shaped error answer read back into the hub's error shape. */
export interface VaultError {
  status: number;
  code: string;
  message: string;
  /** Lines of the form `field: problem`. */
  details: FieldIssue[];
  /** Other lines after the first (template and push_info problems). */
  notes: string[];
}

// A field path: letters, digits and underscores, dotted; no spaces, so "permission denied: ..." is not one.
const FIELD_LINE = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*): (.+)$/s;

// Codes whose extra lines are about one field, so the form can show them beside it.
const NOTE_FIELD: Record<string, string> = { mfa_template_invalid: 'username_format', mfa_push_info_invalid: 'push_info' };

/**
 * Reads Vault's `{ errors: [message, "field: problem", ...] }` with the hub's code from the
 * `X-Duohub-Error-Code` header (`vault_error` when a proxy dropped it, `http_error` without a body).
 */
export function parseVaultErrors(status: number, body: unknown, codeHeader: string | null): VaultError {
  const errors = body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors) ? ((body as { errors: unknown[] }).errors.filter((e) => typeof e === 'string') as string[]) : null;
  const code = codeHeader || (errors ? 'vault_error' : 'http_error');
  if (!errors || errors.length === 0) {
    // Vault answers an empty LIST with 404 and no messages; callers treat that as "none".
    return { status, code, message: `HTTP ${status}`, details: [], notes: [] };
  }
  const [message, ...rest] = errors as [string, ...string[]];
  const details: FieldIssue[] = [];
  const notes: string[] = [];
  for (const line of rest) {
    const m = FIELD_LINE.exec(line);
    if (m) details.push({ field: m[1]!, message: m[2]! });
    else notes.push(line);
  }
  const noteField = NOTE_FIELD[code];
  if (noteField) for (const n of notes) details.push({ field: noteField, message: n });
  return { status, code, message, details, notes: noteField ? [] : notes };
}
