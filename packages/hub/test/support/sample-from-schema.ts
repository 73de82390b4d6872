import { conformsTo, resolveSchema, type JsonSchema } from './json-schema.js';

/** Values a caller knows better than the schema (real ids, the emulator's keys), by dotted path. */
export type KnownValues = (path: string) => unknown;

/** Strings tried, in order, for a `pattern`: Duo-shaped ids, codes, API paths, hosts. */
const PATTERN_CANDIDATES = [
  'A'.repeat(20),
  'DA' + 'A'.repeat(18),
  'DI' + 'A'.repeat(18),
  'parent',
  'abcd1234',
  '123456',
  '1234',
  '+15555550100',
  '/admin/v1/info/summary',
  '/accounts/v1/account/list',
  '/auth/v2/check',
  'api-12345678.duosecurity.com',
  'example.com',
  'sample',
  'a'.repeat(40),
];

const FORMAT_SAMPLES: Record<string, string> = {
  email: 'sample@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '0ad21b78-e9bb-64fa-88b8-1e38db217bde',
};

function sampleString(s: JsonSchema, doc: JsonSchema): string {
  if (s.format && FORMAT_SAMPLES[s.format]) return FORMAT_SAMPLES[s.format]!;
  if (s.pattern) {
    const found = PATTERN_CANDIDATES.find((c) => conformsTo({ ...s, format: undefined }, c, doc));
    if (found !== undefined) return found;
  }
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 6);
  return 'sample'.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, 6)));
}

function sampleNumber(s: JsonSchema, integer: boolean): number {
  if (typeof s.default === 'number') return s.default;
  let n = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1);
  if (s.maximum !== undefined && n > s.maximum) n = s.maximum;
  return integer ? Math.ceil(n) : n;
}

/**
 * A valid-looking value for a schema: known values first, then examples, enums, the first
 * alternative of a union, and for objects their required properties only (optional ones are
 * what mutations add). Deterministic, so a baseline request is the same every run.
 */
export function sampleFromSchema(schema: JsonSchema | undefined, doc: JsonSchema, known: KnownValues = () => undefined, path: string[] = []): unknown {
  const fromCaller = known(path.join('.'));
  if (fromCaller !== undefined) return structuredClone(fromCaller);
  const s = resolveSchema(schema, doc);
  if ('const' in s) return s.const;
  if (s.example !== undefined) return structuredClone(s.example);
  if (Array.isArray(s.examples) && s.examples.length > 0) return structuredClone(s.examples[0]);
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const union: JsonSchema[] | undefined = s.anyOf ?? s.oneOf;
  if (union) {
    const branch = union.find((b) => resolveSchema(b, doc).type !== 'null') ?? union[0];
    return sampleFromSchema(branch, doc, known, path);
  }
  if (s.allOf) return sampleFromSchema(s.allOf[0], doc, known, path);
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return sampleString(s, doc);
    case 'integer':
      return sampleNumber(s, true);
    case 'number':
      return sampleNumber(s, false);
    case 'boolean':
      return typeof s.default === 'boolean' ? s.default : false;
    case 'null':
      return null;
    case 'array': {
      const count = Math.min(Math.max(s.minItems ?? 1, 1), s.maxItems ?? 1);
      return Array.from({ length: count }, (_, i) => sampleFromSchema(s.items, doc, known, [...path, String(i)]));
    }
    case 'object':
    default: {
      if (type === undefined && !s.properties) return {};
      const out: Record<string, unknown> = {};
      for (const key of (s.required as string[] | undefined) ?? []) out[key] = sampleFromSchema(s.properties?.[key], doc, known, [...path, key]);
      // Known values may also fill optional properties (a real integration id, wait: false...).
      for (const key of Object.keys(s.properties ?? {})) {
        if (key in out) continue;
        const value = known([...path, key].join('.'));
        if (value !== undefined) out[key] = structuredClone(value);
      }
      return out;
    }
  }
}
