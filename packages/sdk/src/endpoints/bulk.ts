import { defineEndpoint } from './define-endpoint.js';
import { required } from './required.js';
import { t } from './shape.js';

/** Most operations one `POST /admin/v1/bulk` runs. */
export const BULK_OPERATIONS_MAX = 50;

/** One operation of a bulk request: a method, an Admin API path and that call's parameters. */
export const bulkOperationShape = t.object(
  {
    method: t.enum(['GET', 'POST', 'PUT', 'DELETE']),
    path: t.string({ minLength: 1, description: 'An Admin API path, e.g. /admin/v1/users/DU...' }),
    body: t.object({}, { description: 'The parameters the single call takes' }),
  },
  { required: ['method', 'path'] },
);

/** One operation's result: Duo's envelope for that call, success or failure. */
export const bulkResultShape = t.object(
  {
    stat: t.enum(['OK', 'FAIL']),
    response: t.any('The single call response (stat OK)'),
    code: t.integer({ description: 'Duo error code (stat FAIL)' }),
    message: t.string(),
    message_detail: t.string(),
  },
  { required: ['stat'] },
);

/** `POST /admin/v1/bulk`: up to 50 operations in one signed request, a result each, in order. */
export const bulkOperations = defineEndpoint({
  id: 'bulk.operations',
  summary: `Run up to ${BULK_OPERATIONS_MAX} Admin API operations in one call`,
  method: 'POST',
  path: '/admin/v1/bulk',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: {
    operations: required(
      t.string({ minLength: 2, description: `JSON array of 1 to ${BULK_OPERATIONS_MAX} {method, path, body}` }),
    ),
  },
  response: t.array(bulkResultShape),
  docs: 'https://duo.com/docs/adminapi#bulk-operations',
});

/** The bulk endpoint. */
export const bulkEndpoints = [bulkOperations] as const;
