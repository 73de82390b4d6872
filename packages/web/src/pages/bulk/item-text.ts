import type { BulkItemView } from './bulk-types.ts';

/** An item's redacted input in one line: `username=ann, email=ann@x.example`. */
export function inputText(input: unknown): string {
  if (input === null || typeof input !== 'object') return input === undefined || input === null ? '' : JSON.stringify(input);
  return Object.entries(input as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

/**
 * What became of an item in a few words: Duo's or the hub's message (with Duo's code when there is one),
 * a summary, whether it was reconciled after a restart, or nothing while it has not run.
 */
export function outcomeText(item: Pick<BulkItemView, 'outcome' | 'status'>): string {
  const o = item.outcome;
  if (!o) return '';
  const parts: string[] = [];
  const message = o.message ?? o.summary;
  if (message) parts.push(message);
  // A code that only repeats the status (`cancelled`) says nothing more.
  const code = [o.duo_code !== undefined ? `Duo ${o.duo_code}` : '', o.http_status !== undefined ? `HTTP ${o.http_status}` : '', o.code !== item.status ? (o.code ?? '') : ''].filter(Boolean);
  if (code.length > 0 && item.status !== 'done') parts.push(`(${code.join(', ')})`);
  if (o.reconciled) parts.push('— confirmed by reading back after a restart');
  return parts.join(' ');
}
