/** A JSON Schema (2020-12) node as the hub's catalog sends it; only the keywords the form reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  title?: string;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

/**
 * How a field is edited: `boolean` is a checkbox; `tristate` is a select (not set / yes / no) for an
 * optional boolean without a default, where leaving it out means "keep Duo's value" and a checkbox could
 * not say false; `list` is one value per line (or comma separated); `keyvalue` is `key=value` lines;
 * `json` is anything the form cannot model field by field.
 */
export type FieldKind = 'text' | 'integer' | 'number' | 'boolean' | 'tristate' | 'enum' | 'list' | 'object' | 'keyvalue' | 'json';

/** The schema's bounds a field carries over as they are. */
type Bounds = Pick<JsonSchema, 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'minItems' | 'maxItems'>;

/** One form field derived from a schema property. */
export interface FieldSpec extends Bounds {
  /** Dotted path from the input root, e.g. `user_id` or `options.name`; the form keys values by it. */
  path: string;
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  default?: unknown;
  /** Allowed values of an enum field, as the schema types them. */
  options?: unknown[];
  /** A string must match at least one of these (several when the schema is an anyOf of strings). */
  patterns?: string[];
  /** The schema's format; an anyOf of formatted strings gives e.g. `ipv4 or ipv6`. */
  format?: string;
  /** Long free text gets a textarea. */
  multiline?: boolean;
  /** What each entry of a list must be (kind text, integer or number). */
  item?: FieldSpec;
  /** The properties of a nested object, shown as a fieldset. */
  fields?: FieldSpec[];
  /** For `json` fields: whether the value must be a JSON object. */
  jsonObject?: boolean;
}

const ACRONYMS: Record<string, string> = { id: 'ID', url: 'URL', ip: 'IP', ipaddr: 'IP address', sms: 'SMS', otp: 'OTP', api: 'API', dtmf: 'DTMF', ssp: 'SSP', txid: 'Transaction ID', secs: 'seconds' };

/** `user_id` -> `User ID`, `valid_secs` -> `Valid seconds`: a readable label for a snake_case key. */
export function humanize(name: string): string {
  const words = name.split(/[_\s]+/).filter(Boolean).map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The form fields of an object schema, in the schema's property order. Non-object schemas give none. */
export function schemaFields(schema: JsonSchema, parentPath = ''): FieldSpec[] {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  return Object.entries(props).map(([name, prop]) => fieldFor(name, prop, required.has(name), parentPath ? `${parentPath}.${name}` : name));
}

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  return s.type ? [s.type] : [];
}

/** The schema without a `null` branch: nullable fields are edited like their non-null type. */
function withoutNull(s: JsonSchema): JsonSchema {
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const rest = branches.filter((b) => !(typesOf(b).length === 1 && typesOf(b)[0] === 'null'));
    if (rest.length === 1) return { ...rest[0], ...pick(s, ['description', 'default', 'title']) };
    return { ...s, ...(s.anyOf ? { anyOf: rest } : { oneOf: rest }) };
  }
  const types = typesOf(s).filter((t) => t !== 'null');
  return types.length === 1 && Array.isArray(s.type) ? { ...s, type: types[0]! } : s;
}

function pick(s: JsonSchema, keys: Array<keyof JsonSchema>): Partial<JsonSchema> {
  const out: Partial<JsonSchema> = {};
  for (const k of keys) if (s[k] !== undefined) (out as Record<string, unknown>)[k] = s[k];
  return out;
}

const CONSTRAINTS: Array<keyof JsonSchema & keyof FieldSpec> = [
  'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems',
];

function fieldFor(name: string, raw: JsonSchema, required: boolean, path: string): FieldSpec {
  const s = withoutNull(raw);
  const base: FieldSpec = { path, name, label: s.title ?? humanize(name), kind: 'json', required };
  if (s.description !== undefined) base.description = s.description;
  if (s.default !== undefined) base.default = s.default;
  for (const k of CONSTRAINTS) if (s[k] !== undefined) (base as unknown as Record<string, unknown>)[k] = s[k];
  if (s.pattern !== undefined) base.patterns = [s.pattern];

  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    // An anyOf of strings (e.g. an IPv4 or IPv6 address) is one text field matching any branch.
    if (branches.length > 0 && branches.every((b) => typesOf(b).length === 1 && typesOf(b)[0] === 'string' && !b.enum)) {
      const patterns = branches.map((b) => b.pattern).filter((p): p is string => p !== undefined);
      const lengths = branches.map((b) => b.maxLength).filter((n): n is number => n !== undefined);
      const formats = branches.map((b) => b.format).filter((f): f is string => f !== undefined);
      const field: FieldSpec = { ...base, kind: 'text' };
      if (patterns.length === branches.length) field.patterns = patterns;
      if (formats.length === branches.length) field.format = [...new Set(formats)].join(' or ');
      if (lengths.length === branches.length) field.maxLength = Math.max(...lengths);
      return field;
    }
    return { ...base, kind: 'json' };
  }
  if (s.enum) return { ...base, kind: 'enum', options: s.enum };
  if (s.const !== undefined) return { ...base, kind: 'enum', options: [s.const] };

  const types = typesOf(s);
  const type = types.length === 1 ? types[0] : undefined;
  switch (type) {
    case 'string':
      return { ...base, kind: 'text', multiline: (s.maxLength ?? 0) > 512 };
    case 'integer':
    case 'number':
      return { ...base, kind: type };
    case 'boolean':
      return { ...base, kind: required || s.default !== undefined ? 'boolean' : 'tristate' };
    case 'array': {
      const items = withoutNull(s.items ?? {});
      const itemTypes = typesOf(items);
      const scalar = itemTypes.length > 0 && itemTypes.every((t) => t === 'string' || t === 'number' || t === 'integer' || t === 'boolean');
      if (!scalar || items.enum) return { ...base, kind: 'json' };
      // Mixed scalar items (string|number|boolean) are entered as text; Duo reads parameters as strings.
      const itemKind = itemTypes.length === 1 && (itemTypes[0] === 'integer' || itemTypes[0] === 'number') ? itemTypes[0] : 'text';
      const item = fieldFor(name, { ...items, type: itemKind === 'text' ? 'string' : itemKind }, true, path);
      return { ...base, kind: 'list', item };
    }
    case 'object': {
      if (s.properties && Object.keys(s.properties).length > 0) {
        return { ...base, kind: 'object', fields: schemaFields(s, path) };
      }
      const extra = typeof s.additionalProperties === 'object' ? withoutNull(s.additionalProperties) : undefined;
      if (extra && typesOf(extra).length === 1 && typesOf(extra)[0] === 'string') {
        const field: FieldSpec = { ...base, kind: 'keyvalue' };
        if (extra.maxLength !== undefined) field.item = { path, name, label: base.label, kind: 'text', required: true, maxLength: extra.maxLength };
        return field;
      }
      return { ...base, kind: 'json', jsonObject: true };
    }
    default:
      return base;
  }
}

/** Every field path of a field tree, parents before children (to map server issues onto fields). */
export function fieldPaths(fields: readonly FieldSpec[]): string[] {
  return fields.flatMap((f) => [f.path, ...(f.fields ? fieldPaths(f.fields) : [])]);
}
