import { DuoFailure, fail, failures } from '../../duo-result.js';
import { checkDeclaredParams } from '../../params/check-declared-params.js';
import { authorize } from '../../pipeline/authorize.js';
import { createParams } from '../../pipeline/create-params.js';
import { matchRoute } from '../../pipeline/match-route.js';
import type { DuoResult, HandlerContext, Route } from '../../route.js';
import { beginAdminLog } from '../../logs/admin-log-recorder.js';

/** One operation's result inside `POST /admin/v1/bulk`: Duo's envelope of that call. */
export type BulkOperationResult =
  | { stat: 'OK'; response: unknown }
  | { stat: 'FAIL'; code: number; message: string; message_detail?: string };

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

/**
 * Runs one bulk operation through the emulator's own Admin API routes, exactly as a single call
 * would run after signing: the route's grant, its declared parameters, its handler. The operation
 * acts on the bulk request's account with the bulk request's integration.
 */
export async function runBulkOperation(ctx: HandlerContext, routes: readonly Route[], op: unknown): Promise<BulkOperationResult> {
  const invalid = toResult(failures.invalidParam('operations'));
  if (typeof op !== 'object' || op === null || Array.isArray(op)) return invalid;
  const { method, path, body } = op as Record<string, unknown>;
  if (typeof method !== 'string' || !METHODS.has(method.toUpperCase()) || typeof path !== 'string') return invalid;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) return invalid;
  const url = new URL(path, 'http://bulk.invalid');
  // Nesting would let one request run 50 x 50 operations.
  if (!url.pathname.startsWith('/admin/') || url.pathname === '/admin/v1/bulk') return invalid;

  const match = matchRoute([routes], method.toUpperCase(), url.pathname);
  if (match.kind === 'not_found') return toResult(fail(404, 40401, 'Resource not found'));
  if (match.kind === 'wrong_method') return toResult(fail(405, 40501, 'Method not allowed', `Allowed: ${match.allowed.join(', ')}`));
  const { route } = match;
  const denied = authorize(route, ctx.integration, ctx.integration?.type === 'accounts');
  if (denied) return toResult(denied);
  const params = createParams([...url.searchParams], (body ?? {}) as Record<string, unknown>, new Set(['account_id']));
  const badParams = route.endpoint ? checkDeclaredParams(route.endpoint, params) : undefined;
  if (badParams) return toResult(badParams);

  let recorded = false;
  const inner: HandlerContext = {
    ...ctx,
    params,
    path: match.path,
    recordExecution: (operation, detail) => {
      recorded = true;
      ctx.recordExecution(operation, { ...detail, via: 'bulk' });
    },
  };
  // Each operation shows in the administrator log as its own call would.
  const adminLog = beginAdminLog(inner, route.endpoint, route.readOnly);
  inner.logAdminChange = adminLog ? (note) => adminLog.note(note) : undefined;
  let result: DuoResult;
  try {
    result = await route.handle(inner);
  } catch (error) {
    if (!(error instanceof DuoFailure)) throw error;
    result = error.result;
  }
  adminLog?.finish(result);
  const out = toResult(result);
  if (route.nonIdempotent && !recorded && out.stat === 'OK') ctx.recordExecution(route.nonIdempotent, { via: 'bulk' });
  return out;
}

/** A handler's result as a bulk result entry. */
export function toResult(result: DuoResult): BulkOperationResult {
  switch (result.kind) {
    case 'ok':
      return { stat: 'OK', response: result.response };
    case 'ok_json':
      return { stat: 'OK', response: JSON.parse(result.responseJson) as unknown };
    case 'fail': {
      const { code, message, message_detail } = result;
      return message_detail === undefined ? { stat: 'FAIL', code, message } : { stat: 'FAIL', code, message, message_detail };
    }
    default:
      return { stat: 'FAIL', code: 50001, message: 'Unknown internal server error' };
  }
}
