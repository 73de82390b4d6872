/** Input fields that name what an action acts on, most specific first. */
const TARGET_FIELDS = ['bypass_code_id', 'phone_id', 'user_id', 'account_id', 'txid', 'username', 'email', 'path', 'name'];

/** A short description of an action's target for the audit log, e.g. `user_id=DU...`; undefined when none. */
export function actionTarget(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const record = input as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of TARGET_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value) parts.push(`${field}=${value.slice(0, 128)}`);
    if (parts.length === 2) break;
  }
  return parts.length ? parts.join(' ') : undefined;
}
