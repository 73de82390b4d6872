import type { OpenApiDocument } from '@duohub/sdk';
import { validateJsonSchema } from '../../../sdk/test/support/validate-json-schema.js';
import type { RecordedAnswer } from './record-answers.js';

/**
 * What is wrong with a recorded emulator answer measured against the OpenAPI description: its
 * success envelope against the operation's 200 schema, a failure against Duo's error envelope.
 */
export function answerProblems(doc: OpenApiDocument, answer: RecordedAnswer): string[] {
  const { endpoint, result } = answer;
  const op = doc.paths[endpoint.path]?.[endpoint.method.toLowerCase()] as
    | { responses: { '200': { content: Record<string, { schema: unknown }> } } }
    | undefined;
  if (!op) return [`${endpoint.id}: no operation in the description`];
  const where = (problems: string[]) => problems.map((p) => `${endpoint.id}: ${p}`);
  switch (result.kind) {
    case 'ok':
    case 'ok_json': {
      const response = result.kind === 'ok' ? result.response : JSON.parse(result.responseJson);
      const envelope = { stat: 'OK', response, ...(result.metadata ? { metadata: result.metadata } : {}) };
      const schema = op.responses['200'].content['application/json']?.schema;
      return schema ? where(validateJsonSchema(schema, JSON.parse(JSON.stringify(envelope)), doc)) : where(['no JSON answer declared']);
    }
    case 'fail': {
      const { kind: _kind, status: _status, ...body } = result;
      return where(validateJsonSchema({ $ref: '#/components/schemas/Error' }, { stat: 'FAIL', ...body }, doc));
    }
    case 'raw': {
      const type = result.response.headers.get('content-type') ?? '';
      return result.response.ok && !op.responses['200'].content[type] ? where([`unexpected ${type}`]) : [];
    }
  }
}
