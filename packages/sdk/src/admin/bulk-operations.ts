import type { Caller, RequestOptions } from '../client/duo-client.js';
import { BULK_OPERATIONS_MAX, bulkOperations, bulkResultShape } from '../endpoints/bulk.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import type { ValueOf } from '../endpoints/shape.js';
import { DuoConfigError } from '../errors/error-classes.js';
import type { DuoParamValue } from '../signing/params.js';

/** One operation of `POST /admin/v1/bulk`. */
export interface DuoBulkOperation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** An Admin API path, e.g. `/admin/v1/users/DU...`. */
  path: string;
  /** The parameters the single call takes. */
  body?: Record<string, DuoParamValue>;
}

/** One operation's result: Duo's envelope of that call. */
export type DuoBulkResult = ValueOf<typeof bulkResultShape>;

/** Admin API bulk operations: up to 50 calls in one signed request, one result each. */
export class BulkResource {
  constructor(private readonly caller: Caller) {}

  /** Runs 1-50 operations; results come back in order. Not idempotent: never resent after an ambiguous failure. */
  async run(operations: DuoBulkOperation[], options?: RequestOptions): Promise<DuoBulkResult[]> {
    if (!Array.isArray(operations) || operations.length === 0 || operations.length > BULK_OPERATIONS_MAX) {
      throw new DuoConfigError('operations', `operations must hold 1 to ${BULK_OPERATIONS_MAX} items`);
    }
    operations.forEach((op, i) => {
      if (!['GET', 'POST', 'PUT', 'DELETE'].includes(op?.method)) {
        throw new DuoConfigError('operations', `operations[${i}].method must be GET, POST, PUT or DELETE`);
      }
      if (typeof op.path !== 'string' || !op.path.startsWith('/admin/')) {
        throw new DuoConfigError('operations', `operations[${i}].path must be an Admin API path`);
      }
    });
    const wire = operations.map((op) => ({ method: op.method, path: op.path, body: op.body ?? {} }));
    const res = await callEndpoint(this.caller, bulkOperations, { operations: JSON.stringify(wire) }, options);
    return res.response as never;
  }
}
