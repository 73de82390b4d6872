import type { EndpointClass } from '../pacing/endpoint-class.js';
import type { DuoResponse } from '../request/parse-duo-response.js';
import type { DuoParams } from '../signing/params.js';

/** HTTP methods Duo's APIs use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One logical API call as it flows through the hooks; each attempt gets its own copy. */
export interface DuoCall {
  method: HttpMethod;
  /** The signed Duo host. */
  host: string;
  path: string;
  /** Business parameters, `account_id` included for child-account calls. */
  params: DuoParams | undefined;
  /** Whether sending it twice is harmless; decides retries after ambiguous failures. */
  idempotent: boolean;
  endpointClass: EndpointClass;
  /** Signs v5 whatever the client's version: the endpoint reads only JSON bodies. */
  sigVersion?: 5;
  /** The child account the call acts on, for pacing. */
  accountId: string | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** 1 for the first attempt. */
  attempt: number;
  /** See `CallSpec.onPaced`. */
  onPaced?: (() => void) | undefined;
  /** Called once when Duo's answer to this attempt starts to arrive (status and headers, before the body). */
  onResponse?: (() => void) | undefined;
}

/** Sends a call and resolves to Duo's answer. */
export type CallHandler = (call: DuoCall) => Promise<DuoResponse>;

/** Wraps a handler: may change the call, call `next` zero or more times, or map the outcome. */
export type CallHook = (call: DuoCall, next: CallHandler) => Promise<DuoResponse>;
