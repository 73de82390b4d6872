/** Names the page could resolve, per kind of thing an audit entry points at (id -> name). */
export interface AuditNames {
  organization?: ReadonlyMap<string, string>;
  integration?: ReadonlyMap<string, string>;
  token?: ReadonlyMap<string, string>;
  mfa_method?: ReadonlyMap<string, string>;
}

/** What an entry's target reads as: the kind, the name when known, and the id (shown beside the name). */
export interface TargetLabel {
  kind: string | null;
  name: string | null;
  id: string | null;
}

const KIND_NAMES: Record<string, keyof AuditNames> = { organization: 'organization', integration: 'integration', token: 'token', mfa_method: 'mfa_method' };

/**
 * An entry's target with its name looked up: organizations, integrations, tokens and MFA methods by id from the
 * lists the page loaded (a deleted or hidden one keeps just its id). Other targets (Duo users, runs)
 * are named by their id.
 */
export function targetLabel(type: string | null, id: string | null, names: AuditNames): TargetLabel {
  const list = type ? KIND_NAMES[type] : undefined;
  const name = list && id ? (names[list]?.get(id) ?? null) : null;
  return { kind: type, name, id };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why an entry failed, when its inputs say (a verification records Duo's outcome and reason, e.g.
 * `denied: The user declined the push`), else null; successes have none.
 */
export function failureReason(outcome: string, inputs: unknown): string | null {
  if (outcome === 'success' || !isRecord(inputs)) return null;
  const reason = typeof inputs['reason'] === 'string' ? inputs['reason'].trim() : '';
  const result = typeof inputs['outcome'] === 'string' ? inputs['outcome'].replace(/_/g, ' ') : '';
  if (!reason && !result) return null;
  return result && reason ? `${result}: ${reason}` : reason || result;
}
