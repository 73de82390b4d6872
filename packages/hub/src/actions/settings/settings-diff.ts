/** One changed setting: the current value and the requested one. */
export interface SettingChange {
  from: unknown;
  to: unknown;
}

/**
 * The settings a request would really change. Duo reports booleans variously as true/false, 1/0
 * or "1"/"0", so values are compared after normalizing those spellings.
 */
export function settingsDiff(
  current: Record<string, unknown>,
  requested: Record<string, unknown>,
): Record<string, SettingChange> {
  const diff: Record<string, SettingChange> = {};
  for (const [key, to] of Object.entries(requested)) {
    if (to === undefined) continue;
    const from = current[key];
    if (!sameSetting(from, to)) diff[key] = { from: from ?? null, to };
  }
  return diff;
}

function sameSetting(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    const x = asBool(a);
    const y = asBool(b);
    return x !== undefined && x === y;
  }
  if (typeof a === 'number' || typeof b === 'number') return a !== null && a !== undefined && Number(a) === Number(b);
  return a === b;
}

function asBool(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  return undefined;
}
