import { callDeclared, prepareEndpointCall, type DuoParams, type EndpointDeclaration } from '@duohub/sdk';
import { z } from 'zod';
import type { ActionContext } from '../action-context.js';
import { defineAction, type ActionDefinition } from '../define-action.js';
import { listPage } from '../list-page.js';
import { pageOf, pagingInput, withDryRun, type DryRunOutput } from '../schemas/common.js';
import { zodFromEndpointParams, zodFromShape } from '../schemas/zod-from-endpoint-params.js';
import { callerFor } from './caller-for.js';

/** What an action adds to its endpoint's declaration: how people see it, and what a dry run does. */
export interface EndpointActionOptions {
  /** Catalog group, snake_case (e.g. `admins`). */
  resource: string;
  title: string;
  description: string;
  /** Defaults to the endpoint's id. */
  id?: string;
  /** Deletes or overwrites state: then `dryRun` is required. */
  destructive?: boolean;
  /** What a dry run reports instead of calling the endpoint (see `dryRunByReading`). */
  dryRun?: (ctx: ActionContext, input: Record<string, unknown>) => Promise<DryRunOutput>;
  /** Input fields replacing or adding to those derived from the declaration. */
  input?: Record<string, z.ZodType>;
  /** Declared parameters the action does not offer. */
  omit?: readonly string[];
  /** The output schema; default: derived from the declared response. */
  output?: z.ZodType;
  /** The run; default: the endpoint called with the input (offset lists read one window of items). */
  run?: (ctx: ActionContext, input: Record<string, unknown>) => Promise<unknown>;
}

type EndpointAction = ActionDefinition<z.ZodType<Record<string, unknown>>, z.ZodType>;

/**
 * A catalog action derived from a Duo endpoint declaration: its id, idempotency, read-only flag,
 * input fields (types, limits, required-ness) and output shape all come from the declaration, so
 * the catalog cannot drift from what the SDK sends and the emulator checks. Offset-paged lists take
 * the catalog's `limit`/`offset` and answer `{ items, next_offset?, total_objects? }`.
 */
export function endpointAction(endpoint: EndpointDeclaration, options: EndpointActionOptions): EndpointAction {
  if (options.destructive && !options.dryRun) throw new Error(`${options.id ?? endpoint.id}: a destructive action needs a dry run`);
  const paged = endpoint.paging?.style === 'offset' ? endpoint.paging : undefined;
  const omit = [...(options.omit ?? []), ...(paged ? ['limit', 'offset'] : [])];
  const fields: Record<string, z.ZodType> = {
    ...zodFromEndpointParams(endpoint, { omit, requirePathParams: true }),
    ...(paged ? pagingInput : {}),
    ...options.input,
  };
  const derivedOutput = paged && 'items' in endpoint.response ? pageOf(zodFromShape(endpoint.response.items)) : zodFromShape(endpoint.response);
  const output = options.output ?? derivedOutput;
  const run = options.run ?? ((ctx: ActionContext, input: Record<string, unknown>) => callForInput(ctx, endpoint, input));
  return defineAction({
    id: options.id ?? endpoint.id,
    title: options.title,
    description: options.description,
    api: endpoint.api,
    resource: options.resource,
    endpoints: [endpoint.id],
    idempotent: endpoint.idempotent,
    ...(endpoint.method === 'GET' ? { readOnly: true } : {}),
    ...(options.destructive ? { destructive: true } : {}),
    input: z.strictObject(fields) as z.ZodType<Record<string, unknown>>,
    output: options.destructive ? withDryRun(output) : output,
    run: async (ctx, input) => {
      if (ctx.dryRun && options.dryRun && endpoint.method !== 'GET') return options.dryRun(ctx, input);
      return run(ctx, input);
    },
  });
}

/** Calls a declared endpoint with an action's input: one window of an offset list, or one call. */
export async function callForInput(ctx: ActionContext, endpoint: EndpointDeclaration, input: Record<string, unknown>): Promise<unknown> {
  const caller = callerFor(ctx, endpoint.api);
  if (endpoint.paging?.style === 'offset') {
    const { limit, offset, ...rest } = input as { limit: number; offset: number };
    const prepared = prepareEndpointCall(endpoint, rest);
    return listPage(caller, prepared.path, prepared.params as never, { limit, offset, pageSize: endpoint.paging.maxLimit });
  }
  return (await callDeclared(caller, endpoint, input, ctx.signal ? { signal: ctx.signal } : {})).response;
}

/** The parameters of `input` that `endpoint` declares (a dry run's read takes the ids it shares with the write). */
export function paramsFor(endpoint: EndpointDeclaration, input: Record<string, unknown>): DuoParams {
  return Object.fromEntries(Object.entries(input).filter(([name, value]) => name in endpoint.params && value !== undefined)) as DuoParams;
}
