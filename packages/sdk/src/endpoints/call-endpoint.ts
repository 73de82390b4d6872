import type { Caller, RequestOptions } from '../client/duo-client.js';
import type { DuoResponse } from '../request/parse-duo-response.js';
import type { EndpointDeclaration } from './define-endpoint.js';
import type { ParamsOf, ResponseOf } from './params-of.js';
import { prepareEndpointCall } from './prepare-endpoint-call.js';

/** Per-call options of a declared call; `longPoll` overrides the declaration's (async auth does not wait). */
export interface EndpointCallOptions extends RequestOptions {
  longPoll?: boolean;
}

/**
 * Calls a declared endpoint: parameters checked and placed from the declaration, idempotency and
 * pacing class from it too (either may be overridden per call). Resolves to Duo's envelope fields.
 */
export async function callEndpoint<E extends EndpointDeclaration>(
  caller: Caller,
  endpoint: E,
  params: NoInfer<ParamsOf<E>>,
  options: EndpointCallOptions = {},
): Promise<DuoResponse<ResponseOf<E>>> {
  return callDeclared(caller, endpoint, params, options) as Promise<DuoResponse<ResponseOf<E>>>;
}

/** `callEndpoint` without the declaration's types, for code generic over declarations (list walkers). */
export async function callDeclared(
  caller: Caller,
  endpoint: EndpointDeclaration,
  params: unknown,
  options: EndpointCallOptions = {},
): Promise<DuoResponse<unknown>> {
  const prepared = prepareEndpointCall(endpoint, params);
  const { longPoll, ...rest } = options;
  return caller.call<unknown>({
    ...rest,
    method: endpoint.method,
    path: prepared.path,
    params: prepared.params,
    idempotent: options.idempotent ?? endpoint.idempotent,
    endpointClass: options.endpointClass ?? endpoint.pacing,
    longPoll: longPoll ?? endpoint.longPoll ?? false,
    ...(endpoint.body === 'json' ? { sigVersion: 5 as const } : {}),
  });
}
