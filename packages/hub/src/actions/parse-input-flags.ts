/** The part of a JSON Schema the flag parser reads. */
export interface FlagSchema {
  type?: string | string[];
  properties?: Record<string, FlagSchema>;
  required?: string[];
  items?: FlagSchema;
  enum?: unknown[];
  anyOf?: FlagSchema[];
  description?: string;
  default?: unknown;
  additionalProperties?: unknown;
}

/** Action input built from command-line flags, and the problems found (unknown flags, bad JSON). */
export interface ParsedFlags {
  input: Record<string, unknown>;
  errors: string[];
}

/**
 * Turns `--field value` flags into an action input using the input's JSON Schema: `--user-id` and
 * `--user_id` both name `user_id`; numbers are converted (a non-number is left for validation to
 * name); booleans take `--flag`, `--no-flag` or `--flag=false`; arrays repeat or split on commas;
 * objects take `--params.key value` or a JSON value.
 */
export function parseInputFlags(schema: FlagSchema, args: readonly string[]): ParsedFlags {
  const props = schema.properties ?? {};
  const input: Record<string, unknown> = {};
  const errors: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--') || arg === '--') {
      errors.push(`unexpected argument ${JSON.stringify(arg)}: action fields are given as --field value`);
      continue;
    }
    const eq = arg.indexOf('=');
    const rawName = arg.slice(2, eq === -1 ? undefined : eq);
    let inline: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    const [head = '', ...rest] = rawName.split('.');
    let name = head.replace(/-/g, '_');
    let negated = false;
    if (!(name in props) && name.startsWith('no_') && name.slice(3) in props) {
      name = name.slice(3);
      negated = true;
    }
    const prop = props[name];
    if (!prop) {
      errors.push(`unknown flag --${rawName}`);
      continue;
    }
    const kind = kindOf(prop);
    if (kind === 'boolean') {
      if (negated) input[name] = false;
      else if (inline !== undefined) input[name] = toBoolean(inline);
      else if (args[i + 1] === 'true' || args[i + 1] === 'false') input[name] = args[++i] === 'true';
      else input[name] = true;
      continue;
    }
    if (negated) {
      errors.push(`--no-${name} is only for yes/no fields`);
      continue;
    }
    if (inline === undefined) {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        errors.push(`flag --${rawName} needs a value`);
        continue;
      }
      inline = next;
      i++;
    }
    if (kind === 'object') {
      const current = (typeof input[name] === 'object' && input[name] !== null ? input[name] : {}) as Record<string, unknown>;
      if (rest.length > 0) {
        current[rest.join('.')] = scalar(inline, prop.additionalProperties as FlagSchema | undefined);
        input[name] = current;
      } else {
        try {
          const parsed: unknown = JSON.parse(inline);
          input[name] = typeof parsed === 'object' && parsed !== null ? { ...current, ...parsed } : parsed;
        } catch {
          errors.push(`flag --${rawName} expects JSON or --${name}.<key> <value>`);
        }
      }
      continue;
    }
    if (kind === 'array') {
      const list = Array.isArray(input[name]) ? (input[name] as unknown[]) : [];
      const items = inline.startsWith('[') ? parseJsonArray(inline, errors, rawName) : inline.split(',');
      list.push(...items.map((v) => (typeof v === 'string' ? scalar(v, prop.items) : v)));
      input[name] = list;
      continue;
    }
    input[name] = scalar(inline, prop);
  }
  return { input, errors };
}

/** One help line per input field: flag, type, required mark and description. */
export function describeInputFlags(schema: FlagSchema): string[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => {
    const kind = kindOf(prop);
    const values = prop.enum ? prop.enum.join('|') : kind;
    const flag = kind === 'boolean' ? `--${kebab(name)}` : `--${kebab(name)} <${values}>`;
    const notes = [
      required.has(name) ? 'required' : '',
      prop.default !== undefined ? `default ${JSON.stringify(prop.default)}` : '',
    ].filter(Boolean);
    return `  ${flag.padEnd(40)} ${prop.description ?? ''}${notes.length ? ` (${notes.join(', ')})` : ''}`.trimEnd();
  });
}

function kebab(name: string): string {
  return name.replace(/_/g, '-');
}

function kindOf(prop: FlagSchema): string {
  const types = new Set<string>();
  const collect = (s: FlagSchema) => {
    if (Array.isArray(s.type)) s.type.forEach((t) => types.add(t));
    else if (s.type) types.add(s.type);
    s.anyOf?.forEach(collect);
  };
  collect(prop);
  if (types.size === 1) {
    const [only = 'string'] = [...types];
    return only === 'integer' ? 'number' : only;
  }
  return 'string';
}

function scalar(value: string, prop: FlagSchema | undefined): unknown {
  const kind = prop ? kindOf(prop) : 'string';
  if (kind === 'number') {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  if (kind === 'boolean') return toBoolean(value);
  return value;
}

function toBoolean(value: string): unknown {
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  return value;
}

function parseJsonArray(text: string, errors: string[], flag: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  errors.push(`flag --${flag} expects a JSON array or comma-separated values`);
  return [];
}
