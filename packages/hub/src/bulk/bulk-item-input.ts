import { SECRET_FIELD_NAMES } from '../actions/redact-action-input.js';
import { bulkItemInputColumn } from '../keys/sealed-columns.js';
import type { Store } from '../store/open-store.js';

// Declared with the other sealed columns (so key rotation re-seals it); re-exported for this feature.
export { bulkItemInputColumn };

/**
 * Seals an item's full input (it may hold secrets: custom bypass codes, keys) for
 * bulk_items.input_sealed. The log scrubber learns the secret fields' values, never the whole input:
 * it keeps a bounded number of values, and a large run's inputs would push the hub's keys out of it.
 */
export function sealBulkItemInput(store: Store, runId: string, seq: number, input: unknown): string {
  rememberSecretFields(store, input);
  return store.secrets.sealDocument(JSON.stringify(input ?? {}), bulkItemInputColumn.at(runId, String(seq)));
}

/** Opens an item's sealed input, as the executor runs it (its secret fields told to the scrubber again). */
export function openBulkItemInput(store: Store, runId: string, seq: number, sealed: string): Record<string, unknown> {
  const input = JSON.parse(store.secrets.openDocument(sealed, bulkItemInputColumn.at(runId, String(seq)))) as Record<string, unknown>;
  rememberSecretFields(store, input);
  return input;
}

/** Tells the scrubber every string under a secret field name, at any depth (as redactActionInput finds them). */
function rememberSecretFields(store: Store, value: unknown, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_FIELD_NAMES.has(key.toLowerCase())) rememberStrings(store, v, depth + 1);
    else rememberSecretFields(store, v, depth + 1);
  }
}

function rememberStrings(store: Store, value: unknown, depth: number): void {
  if (depth > 8) return;
  if (typeof value === 'string' || typeof value === 'number') {
    if (String(value)) store.secrets.remember(String(value));
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) rememberStrings(store, v, depth + 1);
  }
}
