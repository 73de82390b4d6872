const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function asBool(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  return undefined;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/**
 * Whether Duo's `actual` value is the `wanted` one, reading Duo's spellings as the same value:
 * booleans as true/false, 1/0, "1"/"0" or "true"/"false"; numbers sent as strings; a missing value
 * as null. Lists of plain values compare as sets (Duo's method and country lists have no order);
 * objects compare on the keys `wanted` names (Duo may add settings the baseline does not care about).
 */
export function sameDuoValue(wanted: unknown, actual: unknown): boolean {
  if (wanted === undefined || wanted === null) return actual === undefined || actual === null;
  if (actual === undefined || actual === null) return false;
  if (typeof wanted === 'boolean') return asBool(actual) === wanted;
  if (typeof wanted === 'number') return asNumber(actual) === wanted;
  if (typeof wanted === 'string') {
    if (typeof actual === 'string') return actual === wanted;
    if (typeof actual === 'number') return String(actual) === wanted;
    if (typeof actual === 'boolean') return asBool(wanted) === actual;
    return false;
  }
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || actual.length !== wanted.length) return false;
    if (wanted.every(isScalar) && actual.every(isScalar)) {
      const left = [...actual];
      for (const w of wanted) {
        const i = left.findIndex((a) => sameDuoValue(w, a));
        if (i < 0) return false;
        left.splice(i, 1);
      }
      return true;
    }
    return wanted.every((w, i) => sameDuoValue(w, actual[i]));
  }
  if (isObject(wanted)) {
    if (!isObject(actual)) return false;
    return Object.entries(wanted).every(([k, w]) => sameDuoValue(w, actual[k]));
  }
  return false;
}
