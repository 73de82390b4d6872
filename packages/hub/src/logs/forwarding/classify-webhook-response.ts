/** What to do after a receiver answered. */
export type WebhookVerdict =
  | { outcome: 'delivered' }
  /** Try again later (network errors, 408, 425, 429, 5xx); `retryAfterMs` when the receiver said when. */
  | { outcome: 'retry'; retryAfterMs?: number }
  /** The receiver refused this item for good (other 4xx, redirects): it is marked failed and delivery moves on. */
  | { outcome: 'reject' };

const RETRYABLE_4XX = new Set([408, 425, 429]);

/**
 * The verdict for an HTTP status (pure). 2xx delivers. Redirects are refused, never followed: a
 * redirect could point the hub at an address its SSRF guard would have refused.
 */
export function classifyWebhookStatus(status: number, retryAfter: string | null | undefined, nowMs: number): WebhookVerdict {
  if (status >= 200 && status < 300) return { outcome: 'delivered' };
  if (status >= 500 || RETRYABLE_4XX.has(status)) {
    const after = parseRetryAfter(retryAfter, nowMs);
    return after === undefined ? { outcome: 'retry' } : { outcome: 'retry', retryAfterMs: after };
  }
  return { outcome: 'reject' };
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
