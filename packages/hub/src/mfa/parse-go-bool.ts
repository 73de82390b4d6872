/** Every spelling Go's `strconv.ParseBool` accepts, which is what Vault accepts for a boolean. */
const GO_BOOLS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/**
 * A boolean as Vault reads one from a query string (`?list=True`, what Vault's Python client sends)
 * or a string body field: Go's `strconv.ParseBool`, so `yes`, `TRue` or ` true` are not booleans.
 */
export function parseGoBool(value: string): boolean | undefined {
  return Object.hasOwn(GO_BOOLS, value) ? GO_BOOLS[value] : undefined;
}

/** The accepted spellings, for error messages and docs. */
export const GO_BOOL_SPELLINGS = Object.keys(GO_BOOLS);
