/**
 * A mapping confidence (0..1) as a whole percentage. Anything short of certain stays below 100%, so
 * "100%" always means an exact or manual match; null (unmapped) shows a dash.
 */
export function formatConfidence(confidence: number | null | undefined): string {
  if (confidence === null || confidence === undefined || !Number.isFinite(confidence)) return '—';
  if (confidence >= 1) return '100%';
  if (confidence <= 0) return '0%';
  return `${Math.min(99, Math.round(confidence * 100))}%`;
}

/** A threshold typed as a percentage (0..100) as the 0..1 fraction the hub expects; null when it is not one. */
export function thresholdFromPercent(text: string): number | null {
  if (!/^\s*\d{1,3}(\.\d+)?\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= 0 && n <= 100 ? n / 100 : null;
}
