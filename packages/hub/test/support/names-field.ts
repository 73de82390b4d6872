/** One entry of a `validation_failed` answer's `details`. */
export interface FieldDetail {
  in?: string;
  field?: string;
  message?: string;
}

/**
 * Whether a 400's details name the field a request made wrong: the same place (`body`, `query`,
 * `path`) and the field itself, one inside it (a union reports its branch), or its parent object
 * when the parent is what broke (a required key, a nested wrong type). The body root (`''`) only
 * matches a mutation of the body itself.
 */
export function namesField(details: unknown, location: string, field: string): boolean {
  if (!Array.isArray(details)) return false;
  return (details as FieldDetail[]).some((d) => {
    if (!d || d.in !== location || typeof d.field !== 'string') return false;
    if (d.field === field) return true;
    if (field === '') return true;
    if (d.field.startsWith(`${field}.`)) return true;
    return d.field !== '' && field.startsWith(`${d.field}.`);
  });
}

/** The same for a Vault-shaped answer (`{ errors: ["field: message", ...] }`): a line starts with the field. */
export function vaultNamesField(errors: unknown, field: string): boolean {
  if (!Array.isArray(errors)) return false;
  return errors.some((e) => typeof e === 'string' && (field === '' ? e.length > 0 : e.startsWith(`${field}:`) || e.startsWith(`${field}.`)));
}
