import type { DeclaredAccess } from './expected-access.js';
import { resolveSchema, type JsonSchema } from './json-schema.js';

/** One parameter of an operation (query or path). */
export interface OperationParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the OpenAPI document, with what the tests need of it. */
export interface Operation {
  method: string;
  path: string;
  /** `METHOD /path` as the document spells it. */
  key: string;
  access: DeclaredAccess | undefined;
  description: string;
  parameters: OperationParameter[];
  /** The JSON body schema, when the operation takes a JSON body. */
  body: JsonSchema | undefined;
  bodyRequired: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Every operation of an OpenAPI 3.1 document, in document order. */
export function listOperations(doc: JsonSchema): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<JsonSchema>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op: JsonSchema | undefined = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: JsonSchema) => {
        const param = resolveSchema(p, doc);
        return { name: param.name, in: param.in, required: Boolean(param.required), schema: resolveSchema(param.schema, doc) };
      });
      const json = op.requestBody?.content?.['application/json'];
      out.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        access: op['x-duohub-access'],
        description: op.description ?? '',
        parameters,
        body: json ? (json.schema ?? {}) : undefined,
        bodyRequired: Boolean(op.requestBody?.required),
      });
    }
  }
  return out;
}

/** The declared access of an operation, from the `x-duohub-access` extension or, failing that, its description. */
export function accessOf(op: Operation): DeclaredAccess | undefined {
  if (op.access) return op.access;
  const m = /Requires the `(read|operate|admin)` scope( and a token not limited to organizations)?/.exec(op.description);
  return m ? { scope: m[1] as DeclaredAccess['scope'], organization_limited: m[2] ? 'denied' : 'allowed' } : undefined;
}

/** The operation's path with its `{params}` filled in (URI-encoded). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encodeURIComponent(value);
  });
}
