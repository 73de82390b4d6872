import type { FieldSpec } from './schema-fields.ts';

/** What the form holds: the text (or checkbox state) of each field, keyed by its dotted path. */
export type FormValues = Record<string, string | boolean>;

/** Messages for fields, keyed by dotted path. */
export type FieldMessages = Record<string, string>;

/** The result of reading a form: the input to send, or the messages that stop it. */
export interface FormInput {
  input: Record<string, unknown>;
  issues: FieldMessages;
}

/** The form's starting values: schema defaults shown as the user would type them. */
export function initialValues(fields: readonly FieldSpec[]): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    if (f.kind === 'object') Object.assign(values, initialValues(f.fields ?? []));
    else if (f.kind === 'boolean') values[f.path] = f.default === true;
    else values[f.path] = f.default === undefined ? '' : formatDefault(f, f.default);
  }
  return values;
}

function formatDefault(f: FieldSpec, value: unknown): string {
  if (f.kind === 'tristate') return value === true ? 'true' : value === false ? 'false' : '';
  if (f.kind === 'list' && Array.isArray(value)) return value.map(String).join('\n');
  if (f.kind === 'keyvalue' && value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join('\n');
  }
  if (f.kind === 'json') {
    // An empty default ({} or []) reads better as an empty box; leaving it empty sends the same default.
    if (value && typeof value === 'object' && Object.keys(value).length === 0) return '';
    return JSON.stringify(value, null, 2);
  }
  return String(value);
}

/**
 * Reads the form against its fields: converts text to the schema's types, leaves out optional fields
 * left empty (so the hub and Duo apply their defaults), and checks what the schema says (required, length,
 * pattern, range, enum, item count) with a message per field. Cross-field rules the schema cannot state
 * come back from the hub as field issues instead.
 */
export function buildFormInput(fields: readonly FieldSpec[], values: FormValues): FormInput {
  const issues: FieldMessages = {};
  const input = readObject(fields, values, issues);
  return { input, issues };
}

function readObject(fields: readonly FieldSpec[], values: FormValues, issues: FieldMessages): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = readField(f, values, issues);
    if (value !== undefined) out[f.name] = value;
  }
  return out;
}

function readField(f: FieldSpec, values: FormValues, issues: FieldMessages): unknown {
  const raw = values[f.path];
  if (f.kind === 'object') {
    const nested = readObject(f.fields ?? [], values, issues);
    // An optional object nobody filled in is left out rather than sent empty.
    if (Object.keys(nested).length === 0 && !f.required) return undefined;
    return nested;
  }
  if (f.kind === 'boolean') return raw === true;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    if (f.required) issues[f.path] = f.kind === 'enum' ? 'Choose a value.' : 'Required.';
    return undefined;
  }
  const result = convert(f, text);
  if ('error' in result) {
    issues[f.path] = result.error;
    return undefined;
  }
  return result.value;
}

type Converted = { value: unknown } | { error: string };

function convert(f: FieldSpec, text: string): Converted {
  switch (f.kind) {
    case 'tristate':
      return text === 'true' ? { value: true } : text === 'false' ? { value: false } : { error: 'Choose yes or no.' };
    case 'enum': {
      const match = (f.options ?? []).find((o) => String(o) === text);
      return match === undefined ? { error: `Must be one of: ${(f.options ?? []).map(String).join(', ')}.` } : { value: match };
    }
    case 'integer':
    case 'number':
      return scalar(f, text);
    case 'text':
      return scalar(f, text);
    case 'list':
      return list(f, text);
    case 'keyvalue':
      return keyValues(f, text);
    case 'json':
      return json(f, text);
    default:
      return { error: 'This field cannot be edited here.' };
  }
}

/** Checks one text, integer or number value (a field or a list entry) and converts it. */
export function scalar(f: FieldSpec, text: string): Converted {
  if (f.kind === 'integer' || f.kind === 'number') {
    const ok = f.kind === 'integer' ? /^[-+]?\d+$/.test(text) : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text);
    if (!ok) return { error: f.kind === 'integer' ? 'Must be a whole number.' : 'Must be a number.' };
    const n = Number(text);
    if (f.minimum !== undefined && n < f.minimum) return { error: `Must be at least ${f.minimum}.` };
    if (f.maximum !== undefined && n > f.maximum) return { error: `Must be at most ${f.maximum}.` };
    if (f.exclusiveMinimum !== undefined && n <= f.exclusiveMinimum) return { error: `Must be more than ${f.exclusiveMinimum}.` };
    if (f.exclusiveMaximum !== undefined && n >= f.exclusiveMaximum) return { error: `Must be less than ${f.exclusiveMaximum}.` };
    return { value: n };
  }
  const length = [...text].length;
  if (f.minLength !== undefined && length < f.minLength) return { error: `Must be at least ${f.minLength} characters.` };
  if (f.maxLength !== undefined && length > f.maxLength) return { error: `Must be at most ${f.maxLength} characters.` };
  if (f.patterns && f.patterns.length > 0 && !f.patterns.some((p) => matches(p, text))) {
    return { error: patternMessage(f) };
  }
  return { value: text };
}

/** A pattern test that treats a pattern the browser cannot compile as passing (the hub checks again). */
function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    try {
      return new RegExp(pattern).test(text);
    } catch {
      return true;
    }
  }
}

function patternMessage(f: FieldSpec): string {
  if (f.format === 'email') return 'Must be an email address.';
  if (f.format && /^ipv[46]( or ipv[46])?$/.test(f.format)) {
    return f.format.includes(' or ') ? 'Must be an IPv4 or IPv6 address.' : `Must be an ${f.format === 'ipv4' ? 'IPv4' : 'IPv6'} address.`;
  }
  if (f.format === 'includes') return `Must include ${f.patterns?.[0] ?? ''}.`;
  const what = f.description ? ` (${f.description})` : '';
  const shown = f.patterns && f.patterns.length === 1 ? `: ${f.patterns[0]}` : '';
  return `Does not have the expected format${what}${shown}.`;
}

/** Entries are one per line, or separated by commas on one line. */
export function splitList(text: string): string[] {
  const parts = text.includes('\n') ? text.split(/\r?\n/) : text.split(',');
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function list(f: FieldSpec, text: string): Converted {
  const entries = splitList(text);
  if (f.minItems !== undefined && entries.length < f.minItems) return { error: `Give at least ${f.minItems} ${f.minItems === 1 ? 'entry' : 'entries'}.` };
  if (f.maxItems !== undefined && entries.length > f.maxItems) return { error: `Give at most ${f.maxItems} entries.` };
  const item = f.item ?? { ...f, kind: 'text' as const, patterns: [] };
  const out: unknown[] = [];
  for (const [i, entry] of entries.entries()) {
    const r = scalar(item, entry);
    if ('error' in r) return { error: `Entry ${i + 1} (${entry}): ${lowerFirst(r.error)}` };
    out.push(r.value);
  }
  return { value: out };
}

function keyValues(f: FieldSpec, text: string): Converted {
  const out: Record<string, string> = {};
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (!key) return { error: `Line ${i + 1}: write key=value.` };
    const value = line.slice(eq + 1).trim();
    if (f.item?.maxLength !== undefined && [...value].length > f.item.maxLength) {
      return { error: `Line ${i + 1}: the value must be at most ${f.item.maxLength} characters.` };
    }
    out[key] = value;
  }
  return { value: out };
}

function json(f: FieldSpec, text: string): Converted {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'Must be valid JSON.' };
  }
  if (f.jsonObject && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    return { error: 'Must be a JSON object, e.g. {"key": "value"}.' };
  }
  return { value };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
