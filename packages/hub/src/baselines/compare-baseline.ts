import { sameDuoValue } from './same-duo-value.js';

/** What a baseline wants: Duo settings by name, and settings of the global policy's sections. */
export interface BaselineWanted {
  settings: Record<string, unknown>;
  policies?: { global: Record<string, Record<string, unknown>> } | undefined;
}

/** What a check read of one account: its settings, and its global policy's sections when wanted. */
export interface BaselineActual {
  settings?: Record<string, unknown> | undefined;
  globalPolicySections?: Record<string, unknown> | undefined;
}

/** One field that differs: `settings.<name>` or `policies.global.<section>.<name>`. */
export interface FieldDrift {
  field: string;
  wanted: unknown;
  /** Duo's value as it answered it (null when absent). */
  actual: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields whose actual value is not the wanted one (pure), in the baseline's order. Values are
 * compared with `sameDuoValue`, so Duo's spellings of an equal value never show as drift.
 */
export function compareBaseline(wanted: BaselineWanted, actual: BaselineActual): FieldDrift[] {
  const out: FieldDrift[] = [];
  const settings = actual.settings ?? {};
  for (const [name, value] of Object.entries(wanted.settings)) {
    if (value === undefined) continue;
    if (!sameDuoValue(value, settings[name])) out.push({ field: `settings.${name}`, wanted: value, actual: settings[name] ?? null });
  }
  const sections = actual.globalPolicySections ?? {};
  for (const [section, fields] of Object.entries(wanted.policies?.global ?? {})) {
    const have = isObject(sections[section]) ? (sections[section] as Record<string, unknown>) : {};
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      if (!sameDuoValue(value, have[name])) out.push({ field: `policies.global.${section}.${name}`, wanted: value, actual: have[name] ?? null });
    }
  }
  return out;
}
