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
 * A copy of `value` whose object keys are snake_case, the REST API's casing, so every `--json` the
 * CLI prints reads the same way. Values under `verbatim` keys are copied unchanged.
 */
export function snakeCaseKeys(value: unknown, verbatim: ReadonlySet<string> = VERBATIM_KEYS): unknown {
  if (Array.isArray(value)) return value.map((v) => snakeCaseKeys(v, verbatim));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[snakeCase(key)] = verbatim.has(key) ? v : snakeCaseKeys(v, verbatim);
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
