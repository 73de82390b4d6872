import { resolveSchema, type JsonSchema } from './json-schema.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** A name the REST API should not carry: a word starting lower-case with an upper-case letter inside (`dryRun`, not an id such as `DA12...`). */
export function isCamelCase(name: string): boolean {
  return /^[a-z][a-zA-Z0-9]*[A-Z]/.test(name);
}

/**
 * Every camelCase property or parameter name in the request and response schemas of an OpenAPI
 * document's operations, as `METHOD /path (where): name`, following `$ref`s, arrays, maps and
 * combinators. `skipPath` leaves whole paths out (the Vault-compatible API keeps Vault's casing).
 */
export function camelCaseNames(doc: JsonSchema, skipPath: (path: string) => boolean = () => false): string[] {
  const found: string[] = [];
  for (const [path, item] of Object.entries<JsonSchema>(doc.paths ?? {})) {
    if (skipPath(path)) continue;
    for (const method of METHODS) {
      const op: JsonSchema | undefined = item[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const param = resolveSchema(p, doc);
        if (isCamelCase(param.name ?? '')) found.push(`${key} (${param.in}): ${param.name}`);
      }
      for (const content of Object.values<JsonSchema>(resolveSchema(op.requestBody, doc).content ?? {})) {
        walk(content.schema, doc, `${key} (request)`, found, new Set());
      }
      for (const [status, response] of Object.entries<JsonSchema>(op.responses ?? {})) {
        for (const content of Object.values<JsonSchema>(resolveSchema(response, doc).content ?? {})) {
          walk(content.schema, doc, `${key} (${status})`, found, new Set());
        }
      }
    }
  }
  return [...new Set(found)];
}

function walk(schema: JsonSchema | undefined, doc: JsonSchema, where: string, found: string[], seen: Set<JsonSchema>): void {
  if (!schema || typeof schema !== 'object') return;
  const node = resolveSchema(schema, doc);
  if (seen.has(node)) return;
  seen.add(node);
  for (const [name, child] of Object.entries<JsonSchema>(node.properties ?? {})) {
    if (isCamelCase(name)) found.push(`${where}: ${name}`);
    walk(child, doc, where, found, seen);
  }
  for (const name of node.required ?? []) if (typeof name === 'string' && isCamelCase(name)) found.push(`${where}: ${name}`);
  for (const key of ['items', 'additionalProperties', 'not', 'contains', 'propertyNames']) {
    if (node[key] && typeof node[key] === 'object') walk(node[key], doc, where, found, seen);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) for (const s of node[key] ?? []) walk(s, doc, where, found, seen);
}
