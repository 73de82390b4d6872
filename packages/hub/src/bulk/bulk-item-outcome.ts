import { isHubError } from '../errors/hub-error.js';

/** What an item's `outcome` column holds (JSON): Duo's error, the reconciliation, or a summary without secrets. */
export interface BulkItemOutcome {
  code?: string;
  message?: string;
  duo_code?: number;
  http_status?: number;
  reconciled?: boolean;
  summary?: string;
}

/** The outcome of a failed call: the hub's code and message, and Duo's code and HTTP status when Duo answered. */
export function failureOutcome(error: unknown): BulkItemOutcome {
  if (!isHubError(error)) return { code: 'internal', message: 'internal error while running the item' };
  const out: BulkItemOutcome = { code: error.code, message: error.message };
  const details = typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details) ? (error.details as Record<string, unknown>) : {};
  if (typeof details['duo_code'] === 'number') out.duo_code = details['duo_code'];
  if (typeof details['duo_status'] === 'number') out.http_status = details['duo_status'];
  return out;
}

// Fields of an output that say what was done to what, and never carry a secret (codes, links, keys).
const SUMMARY_FIELDS = ['user_id', 'username', 'group_id', 'phone_id', 'name', 'number', 'status', 'enrolled', 'account_id', 'email'];

/**
 * A one-line summary of an action's output: only known identifying fields, so bypass codes,
 * activation links and keys in outputs never reach the store. Undefined when none is present.
 */
export function summarizeOutput(output: unknown): string | undefined {
  if (output === null || typeof output !== 'object' || Array.isArray(output)) return undefined;
  const record = output as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of SUMMARY_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parts.push(`${field}=${String(value).slice(0, 128)}`);
  }
  return parts.length ? parts.join(' ') : undefined;
}
