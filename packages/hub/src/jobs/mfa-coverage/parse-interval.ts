const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses an interval such as `24h`, `90m`, `1d12h` or `30s` into milliseconds. Returns undefined for
 * anything else (including zero and bare numbers, whose unit would be a guess).
 */
export function parseInterval(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(ms|s|m|h|d))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(match[1]) * UNITS[match[2]!]!;
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}
