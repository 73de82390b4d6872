/**
 * A small JSON Schema validator for tests: the subset the generated OpenAPI description uses
 * (type or type lists, const, enum, properties, required, additionalProperties, items, anyOf,
 * string and number limits, local $ref). Returns the problems found, each with its JSON path.
 */
export function validateJsonSchema(schema: unknown, value: unknown, root: unknown = schema, path = '$'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  if (typeof s['$ref'] === 'string') return validateJsonSchema(resolveRef(root, s['$ref']), value, root, path);
  const problems: string[] = [];
  if (Array.isArray(s['anyOf'])) {
    const fits = (s['anyOf'] as unknown[]).some((option) => validateJsonSchema(option, value, root, path).length === 0);
    if (!fits) problems.push(`${path}: matches none of anyOf`);
  }
  if ('const' in s && value !== s['const']) problems.push(`${path}: must be ${JSON.stringify(s['const'])}`);
  if (Array.isArray(s['enum']) && !(s['enum'] as unknown[]).includes(value)) problems.push(`${path}: not in enum`);
  if (s['type'] !== undefined) {
    const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
    if (!types.some((t) => hasType(t, value))) return [...problems, `${path}: expected ${types.join(' or ')}, got ${kind(value)}`];
  }
  if (typeof value === 'string') {
    if (typeof s['maxLength'] === 'number' && value.length > s['maxLength']) problems.push(`${path}: too long`);
    if (typeof s['minLength'] === 'number' && value.length < s['minLength']) problems.push(`${path}: too short`);
    if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern']).test(value)) problems.push(`${path}: pattern`);
  }
  if (typeof value === 'number') {
    if (typeof s['minimum'] === 'number' && value < s['minimum']) problems.push(`${path}: below minimum`);
    if (typeof s['maximum'] === 'number' && value > s['maximum']) problems.push(`${path}: above maximum`);
  }
  if (Array.isArray(value) && s['items'] !== undefined) {
    value.forEach((item, i) => problems.push(...validateJsonSchema(s['items'], item, root, `${path}[${i}]`)));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const props = (s['properties'] ?? {}) as Record<string, unknown>;
    for (const key of (s['required'] as string[] | undefined) ?? []) if (!(key in record)) problems.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(record)) {
      if (key in props) problems.push(...validateJsonSchema(props[key], v, root, `${path}.${key}`));
      else if (s['additionalProperties'] === false) problems.push(`${path}.${key}: not allowed`);
      else if (typeof s['additionalProperties'] === 'object') problems.push(...validateJsonSchema(s['additionalProperties'], v, root, `${path}.${key}`));
    }
  }
  return problems;
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
