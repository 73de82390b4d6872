import { BULK_OPERATIONS_MAX } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, withDryRun } from '../schemas/common.js';

/** One operation: a method, an Admin API path and that call's parameters. */
const operation = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  path: z
    .string()
    .regex(/^\/admin\/v[0-9]\/[A-Za-z0-9_\-/]+$/, 'must be an Admin API path such as /admin/v1/users/DU...')
    .refine((p) => p !== '/admin/v1/bulk', 'a bulk operation cannot run another bulk request'),
  body: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}).describe('The parameters the single call takes'),
});

/** One operation's result: Duo's envelope of that call. */
const result = z.looseObject({
  stat: z.enum(['OK', 'FAIL']),
  response: z.unknown().optional(),
  code: z.number().int().optional(),
  message: z.string().optional(),
  message_detail: z.string().optional(),
});

/** Runs up to 50 Admin API operations in one Duo request. */
export const bulkRun = defineAction({
  id: 'bulk.run',
  title: 'Run Admin API operations in bulk',
  description: `Runs 1 to ${BULK_OPERATIONS_MAX} Admin API operations (user create, modify, delete, group membership...) in one Duo request, in order, with a result each; a failed operation does not undo earlier ones. A dry run lists the operations and sends nothing.`,
  api: 'admin',
  resource: 'bulk',
  endpoints: ['bulk.operations'],
  idempotent: false,
  destructive: true,
  input: z.strictObject({ operations: z.array(operation).min(1).max(BULK_OPERATIONS_MAX) }),
  output: withDryRun(z.object({ results: z.array(result), failed: z.number().int() })),
  run: async (ctx, { operations }) => {
    if (ctx.dryRun) {
      return dryRun(operations, `would run ${operations.length} operation(s): ${operations.map((o) => `${o.method} ${o.path}`).join('; ')}`);
    }
    const results = await ctx.admin().bulk.run(operations, { signal: ctx.signal });
    return { results: results as never, failed: results.filter((r) => r.stat === 'FAIL').length };
  },
});
