import { BULK_OPERATIONS_MAX, bulkOperations } from '@duohub/sdk';
import { ok } from '../../duo-result.js';
import { readJsonList } from '../../params/read-json-list.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { runBulkOperation, type BulkOperationResult } from './run-bulk-operation.js';

/**
 * The `POST /admin/v1/bulk` route over `routes` (read at call time, since the list holds this
 * route): up to 50 operations, run in order, one result each. A failed operation does not undo
 * earlier ones; whether later ones still run is the `bulkOnFailure` option (default `continue`).
 */
export function bulkRoutesOver(routes: () => readonly Route[]): Route[] {
  return [defineRoute({ endpoint: bulkOperations, handle: (ctx) => runBulk(ctx, routes()) })];
}

async function runBulk(ctx: HandlerContext, routes: readonly Route[]) {
  const operations = readJsonList(ctx.params, 'operations', BULK_OPERATIONS_MAX);
  const results: BulkOperationResult[] = [];
  for (const op of operations) {
    const result = await runBulkOperation(ctx, routes, op);
    results.push(result);
    if (result.stat === 'FAIL' && ctx.options.bulkOnFailure === 'stop') break;
  }
  return ok(results);
}
