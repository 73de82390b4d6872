/** Median, 95th percentile, mean, min and max of a set of timings. */
export interface SampleSummary {
  median: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Summarizes timings (nearest-rank percentiles); all zero for no samples. Pure. */
export function summarizeSamples(samples: readonly number[]): SampleSummary {
  if (samples.length === 0) return { median: 0, p95: 0, mean: 0, min: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return { median: at(0.5), p95: at(0.95), mean, min: sorted[0]!, max: sorted.at(-1)! };
}
