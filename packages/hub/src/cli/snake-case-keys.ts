/** `dryRun` -> `dry_run`, `noMfaByStatus` -> `no_mfa_by_status`, `toKeyId` -> `to_key_id`; other keys unchanged. */
export function snakeCase(key: string): string {
  if (!/^[a-z][a-zA-Z0-9]*[A-Z]/.test(key)) return key;
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/**
 * Keys whose values are data, not the hub's own shapes, and are printed exactly as they are: an
 * action's Duo `output` and JSON Schema `input`, and the `inputs` an audit entry recorded.
 */
export const VERBATIM_KEYS: ReadonlySet<string> = new Set(['input', 'output', 'inputs']);

/**
 * `value` with every object key snake_case, the REST API's casing, so every `--json` the CLI prints
 * reads the same way. Values under `verbatim` keys are kept unchanged. Parts with nothing to rename
 * are the input's own, and only what holds a renamed key is built anew (the input is never changed):
 * the hub answers in snake_case already, and copying a whole 4.9 MB report (40 x 2,500 with the users
 * without MFA, `report mfa-coverage --json`) took 33-47 ms against 5-8 ms walked.
 */
export function snakeCaseKeys(value: unknown, verbatim: ReadonlySet<string> = VERBATIM_KEYS): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const converted = snakeCaseKeys(item, verbatim);
      if (out === undefined && converted !== item) out = value.slice(0, i);
      out?.push(converted);
    }
    return out ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const from = value as Record<string, unknown>;
  const keys = Object.keys(from);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = from[key];
    const k = snakeCaseOnce(key);
    const c = verbatim.has(key) ? v : snakeCaseKeys(v, verbatim);
    if (out === undefined && (k !== key || c !== v)) {
      // The first change: what came before it is copied as it was.
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = from[keys[j]!];
    }
    if (out !== undefined) out[k] = c;
  }
  return out ?? from;
}

// Keys repeat by the thousand in a report (user_id, username, ...): each is looked at once.
const snakeCased = new Map<string, string>();
const SNAKE_CASED_KEPT = 4096;

function snakeCaseOnce(key: string): string {
  let out = snakeCased.get(key);
  if (out === undefined) {
    out = snakeCase(key);
    if (snakeCased.size < SNAKE_CASED_KEPT) snakeCased.set(key, out);
  }
  return out;
}

/** Paths of camelCase keys in `value` outside `verbatim` subtrees (for tests and checks). */
export function findCamelCaseKeys(value: unknown, verbatim: ReadonlySet<string> = VERBATIM_KEYS, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findCamelCaseKeys(v, verbatim, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(snakeCase(key) !== key ? [`${at}.${key}`] : []),
    ...(verbatim.has(key) ? [] : findCamelCaseKeys(v, verbatim, `${at}.${key}`)),
  ]);
}

/** JSON as the CLI prints it with `--json`: snake_case keys, two-space indent, a final newline. */
export function toCliJson(value: unknown): string {
  return JSON.stringify(snakeCaseKeys(value), null, 2) + '\n';
}
