/** A destructive action's dry-run report, as the hub returns it. */
export interface DryRunReport {
  target: unknown;
  changes: string;
  diff?: Record<string, { from: unknown; to: unknown }>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The dry-run report in an output, or null when the output is a real result. */
export function dryRunReport(output: unknown): DryRunReport | null {
  if (!isRecord(output) || output['dry_run'] !== true || typeof output['changes'] !== 'string') return null;
  const report: DryRunReport = { target: output['target'], changes: output['changes'] };
  if (isRecord(output['diff'])) report.diff = output['diff'] as DryRunReport['diff'] & object;
  return report;
}

/**
 * Secrets Duo shows only once (new bypass codes): the page puts them in a marked box with a copy
 * button and keeps them only in component state. Null when the output carries none.
 */
export function oneTimeCodes(output: unknown): string[] | null {
  if (!isRecord(output) || output['dry_run'] === true) return null;
  const codes = output['codes'];
  if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === 'string')) return null;
  return codes as string[];
}
