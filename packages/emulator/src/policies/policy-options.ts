/**
 * Policies v2 behaviours Duo does not document, as emulator options. Each default is the most
 * plausible reading of Duo's docs, clients and Admin Panel; each can be switched to the other.
 */
export interface PolicyOptions {
  /** A section name Duo's docs do not list: `reject` (default, 400/40002 naming it) or `accept` and store it. */
  unknownSections?: 'reject' | 'accept';
  /**
   * Where the settings a custom policy does not give come from when it first sets a section:
   * `defaults` (Duo's defaults for that section; default), `global` (the global policy's current
   * values) or `as_given` (only the settings sent are stored).
   */
  sectionFill?: 'defaults' | 'global' | 'as_given';
  /** A create, rename or copy to a name another policy has: `reject` (default, 400/40002) or `allow`. */
  duplicateNames?: 'reject' | 'allow';
  /** Deleting a key that names no policy: `not_found` (default, 404/40401) or `ok` (idempotent, as v1 deletes are). */
  deleteMissing?: 'not_found' | 'ok';
  /** Bulk update with `edit_all_policies`: `custom` policies only (default) or `all`, the global one too. */
  bulkEditAll?: 'custom' | 'all';
}

/** Options after defaults. */
export type ResolvedPolicyOptions = Required<PolicyOptions>;

/** Applies the defaults each option documents. */
export function resolvePolicyOptions(options: PolicyOptions = {}): ResolvedPolicyOptions {
  return {
    unknownSections: options.unknownSections ?? 'reject',
    sectionFill: options.sectionFill ?? 'defaults',
    duplicateNames: options.duplicateNames ?? 'reject',
    deleteMissing: options.deleteMissing ?? 'not_found',
    bulkEditAll: options.bulkEditAll ?? 'custom',
  };
}
