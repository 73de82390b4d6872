import type { DuoResult } from './route.js';

/** A successful Duo answer; list endpoints pass `metadata`. */
export function ok(response: unknown, metadata?: Record<string, unknown>): DuoResult {
  return metadata === undefined ? { kind: 'ok', response } : { kind: 'ok', response, metadata };
}

/** A Duo error answer, e.g. `fail(404, 40401, 'Resource not found')`. */
export function fail(status: number, code: number, message: string, message_detail?: string): DuoResult {
  return message_detail === undefined
    ? { kind: 'fail', status, code, message }
    : { kind: 'fail', status, code, message, message_detail };
}

/** Thrown by parameter helpers deep in a handler; the pipeline turns it into its `fail` result. */
export class DuoFailure extends Error {
  constructor(readonly result: Extract<DuoResult, { kind: 'fail' }>) {
    super(result.message);
  }
}

/** Common failures, so every handler words them as Duo does. */
export const failures = {
  missingParam: (name: string) => fail(400, 40001, 'Missing required request parameters', name),
  invalidParam: (name: string) => fail(400, 40002, 'Invalid request parameters', name),
  notFound: (detail?: string) => fail(404, 40401, 'Resource not found', detail),
  forbidden: (detail: string) => fail(403, 40301, 'Access forbidden', detail),
  objectLimit: (detail: string) => fail(500, 50001, 'Unknown internal server error', detail),
} as const;
