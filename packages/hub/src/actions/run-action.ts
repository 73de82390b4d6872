import { HubError, isHubError } from '../errors/hub-error.js';
import { zodIssuesToFieldIssues } from '../errors/zod-issues-to-field-issues.js';
import type { ActionContext } from './action-context.js';
import type { AnyAction } from './define-action.js';
import { mapDuoError } from './map-duo-error.js';

/** The result of one run: which action, whether it was a dry run, and the validated output. */
export interface RunResult {
  action: string;
  dryRun: boolean;
  output: unknown;
}

/**
 * Validates the input, runs the action, and validates its output. Failures come out as HubErrors:
 * `validation_failed` naming each field, Duo's errors mapped with Duo's code and message kept,
 * `duo_error` when Duo answered with a shape the action does not know. Anything else is rethrown
 * for the surface to log as internal.
 */
export async function runAction(action: AnyAction, ctx: ActionContext, rawInput: unknown): Promise<RunResult> {
  const parsed = action.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    throw new HubError('validation_failed', {
      message: `Invalid input for ${action.id}.`,
      details: zodIssuesToFieldIssues(parsed.error, 'input'),
    });
  }
  if (ctx.dryRun && !action.destructive && !action.readOnly) {
    throw new HubError('validation_failed', {
      message: `${action.id} does not support a dry run: it is neither destructive nor read-only.`,
      details: [{ in: 'body', field: 'dry_run', message: 'not supported by this action' }],
    });
  }
  let result: unknown;
  try {
    result = await action.run(ctx, parsed.data);
  } catch (error) {
    if (isHubError(error)) throw error;
    const mapped = mapDuoError(error, action.idempotent);
    if (mapped) throw mapped;
    throw error;
  }
  const output = action.output.safeParse(result);
  if (!output.success) {
    throw new HubError('duo_error', {
      message: `Duo's answer to ${action.id} did not have the expected shape.`,
      details: zodIssuesToFieldIssues(output.error, 'output'),
    });
  }
  return { action: action.id, dryRun: ctx.dryRun, output: output.data };
}
