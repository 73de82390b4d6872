const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A time bound as `duohub audit --since/--until` takes it: a duration back from `now` (`90m`, `24h`,
 * `7d`, `2w`) becomes an ISO time; anything else is passed to the hub as typed, which checks it and
 * names the field when it is not a time.
 */
export function parseTimeBound(value: string, now: Date): string {
  const m = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (!m) return value;
  return new Date(now.getTime() - Number(m[1]) * UNITS[m[2]!.toLowerCase()]!).toISOString();
}
