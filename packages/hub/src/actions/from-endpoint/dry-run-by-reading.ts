import { callDeclared, type EndpointDeclaration } from '@duohub/sdk';
import type { ActionContext } from '../action-context.js';
import { dryRun, type DryRunOutput } from '../schemas/common.js';
import { callerFor } from './caller-for.js';
import { paramsFor } from './endpoint-action.js';

/**
 * A dry run that reads the target with a GET endpoint (taking the input fields it declares, such
 * as the id a delete shares with its get) and describes what the real run would do. Duo's 404 for
 * an unknown target comes through, so a dry run fails where the real run would.
 */
export function dryRunByReading(
  read: EndpointDeclaration,
  describe: (target: Record<string, unknown>, input: Record<string, unknown>) => string,
  diff?: (target: Record<string, unknown>, input: Record<string, unknown>) => DryRunOutput['diff'],
): (ctx: ActionContext, input: Record<string, unknown>) => Promise<DryRunOutput> {
  if (read.method !== 'GET') throw new Error(`${read.id}: a dry run reads with a GET endpoint`);
  return async (ctx, input) => {
    const answer = await callDeclared(callerFor(ctx, read.api), read, paramsFor(read, input), ctx.signal ? { signal: ctx.signal } : {});
    const target = (answer.response ?? {}) as Record<string, unknown>;
    const changes = diff?.(target, input);
    return dryRun(target, describe(target, input), changes && Object.keys(changes).length > 0 ? changes : undefined);
  };
}

/** The fields of `input` whose value differs from `target`'s: a dry run's diff of an update. */
export function diffFields(target: Record<string, unknown>, input: Record<string, unknown>, fields?: readonly string[]): NonNullable<DryRunOutput['diff']> {
  const out: NonNullable<DryRunOutput['diff']> = {};
  for (const name of fields ?? Object.keys(input)) {
    const to = input[name];
    if (to === undefined) continue;
    if (JSON.stringify(target[name]) !== JSON.stringify(to)) out[name] = { from: target[name] ?? null, to };
  }
  return out;
}
