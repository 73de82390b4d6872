import { SDK_VERSION } from '../client/version.js';
import { paramLocation, type EndpointDeclaration } from '../endpoints/define-endpoint.js';
import type { Shape } from '../endpoints/shape.js';
import { shapeToJsonSchema, type JsonSchema } from './shape-to-json-schema.js';

/** An OpenAPI 3.1 document as plain data. */
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

const SIGNING = [
  "Every request except GET /auth/v2/ping is signed with the integration's secret key (HMAC-SHA512).",
  'Send `Authorization: Basic base64(ikey:hex_signature)` and a `Date` (or `X-Duo-Date`) header in RFC 2822 form.',
  'Signature v5 (current) signs these lines joined by newlines: the date, the upper-case method, the lower-case',
  'API host, the path, the canonical query parameters (sorted by key, RFC 3986 encoded with upper-case hex,',
  'space as %20), the SHA-512 hex of the body, and the SHA-512 hex of the canonical X-Duo-* headers.',
  'Signature v2 signs the first five lines, with form-encoded POST parameters in the parameters line.',
  'The username of the Basic scheme is the integration key; its password is the hex signature, never the secret key.',
].join(' ');

const ERROR_ENVELOPE: JsonSchema = {
  type: 'object',
  description: "Duo's error answer",
  properties: {
    stat: { const: 'FAIL' },
    code: { type: 'integer', description: 'Duo error code, e.g. 40002 (invalid parameter), 40103 (bad signature), 40401' },
    message: { type: 'string' },
    message_detail: { type: 'string' },
  },
  required: ['stat', 'code', 'message'],
};

const OFFSET_METADATA: JsonSchema = {
  type: 'object',
  properties: { total_objects: { type: 'integer' }, next_offset: { type: 'integer' }, prev_offset: { type: 'integer' } },
};

/**
 * An OpenAPI 3.1 description of Duo's own APIs, built from the endpoint declarations (Duo
 * publishes none): one operation per declaration, answers in Duo's envelope, errors in its error
 * envelope, the signing scheme in words, and `x-duo-*` fields for permission, pacing, idempotency
 * and paging. Deterministic, so the committed file can be compared with a fresh build.
 */
export function buildOpenApi(endpoints: readonly EndpointDeclaration[]): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const e of endpoints) {
    const item = (paths[e.path] ??= {});
    item[e.method.toLowerCase()] = operation(e);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cisco Duo Admin, Accounts and Auth APIs',
      version: SDK_VERSION,
      description:
        "An unofficial description of Duo's REST APIs, generated from @duohub/sdk's endpoint declarations. Parameters travel in the query for GET and DELETE and in the body (form or JSON) for POST and PUT.",
    },
    servers: [
      {
        url: 'https://{api_hostname}',
        variables: { api_hostname: { default: 'api-xxxxxxxx.duosecurity.com', description: "The account's API hostname" } },
      },
    ],
    tags: [
      { name: 'admin', description: 'Admin API (Admin API application keys, or Accounts API keys with account_id)' },
      { name: 'accounts', description: 'Accounts API (parent account)' },
      { name: 'auth', description: 'Auth API' },
    ],
    components: {
      securitySchemes: { duoHmac: { type: 'http', scheme: 'basic', description: SIGNING } },
      schemas: { Error: ERROR_ENVELOPE },
      responses: {
        Error: { description: "Duo's error envelope", content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
    paths,
  };
}

function operation(e: EndpointDeclaration): Record<string, unknown> {
  const parameters: JsonSchema[] = [];
  const bodyProps: Record<string, JsonSchema> = {};
  const bodyRequired: string[] = [];
  const inQuery = e.method === 'GET' || e.method === 'DELETE';
  for (const [name, spec] of Object.entries(e.params)) {
    const schema = shapeToJsonSchema(spec as Shape);
    const where = paramLocation(e, name);
    if (where === 'path') parameters.push({ name, in: 'path', required: true, schema });
    else if (inQuery) {
      const p: JsonSchema = { name, in: 'query', schema };
      if (spec.required === true) p['required'] = true;
      if (spec.deprecated) p['deprecated'] = true;
      if (spec.type === 'array') Object.assign(p, { style: 'form', explode: true });
      parameters.push(p);
    } else {
      bodyProps[name] = spec.deprecated ? { ...schema, deprecated: true } : schema;
      if (spec.required === true) bodyRequired.push(name);
    }
  }
  const envelope: JsonSchema = {
    type: 'object',
    properties: { stat: { const: 'OK' }, response: shapeToJsonSchema(e.response) },
    required: ['stat', 'response'],
  };
  if (e.paging?.style === 'offset' || e.paging?.style === 'none') (envelope['properties'] as JsonSchema)['metadata'] = OFFSET_METADATA;
  const ok = e.produces
    ? { description: `The image (${e.produces})`, content: { [e.produces]: { schema: { type: 'string', contentMediaType: e.produces } } } }
    : { description: 'OK', content: { 'application/json': { schema: envelope } } };
  const op: Record<string, unknown> = {
    operationId: e.id,
    summary: e.summary,
    tags: [e.api],
    externalDocs: { url: e.docs },
    security: e.signed === false ? [] : [{ duoHmac: [] }],
    'x-duo-grant': e.grant ?? null,
    'x-duo-pacing': e.pacing,
    'x-duo-idempotent': e.idempotent,
  };
  if (e.paging) op['x-duo-paging'] = e.paging;
  if (e.deprecated) op['deprecated'] = true;
  if (parameters.length > 0) op['parameters'] = parameters;
  if (!inQuery) {
    const body: JsonSchema = { type: 'object', properties: bodyProps };
    if (bodyRequired.length > 0) body['required'] = bodyRequired;
    op['requestBody'] = {
      required: bodyRequired.length > 0,
      // JSON-only endpoints (policies v2, integrations v2/v3...) read no form body.
      content: e.body === 'json' ? { 'application/json': { schema: body } } : { 'application/x-www-form-urlencoded': { schema: body }, 'application/json': { schema: body } },
    };
  }
  op['responses'] = { '200': ok, default: { $ref: '#/components/responses/Error' } };
  return op;
}
