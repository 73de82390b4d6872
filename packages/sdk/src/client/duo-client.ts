import type { DuoClientOptions } from '../config/duo-client-options.js';
import { positiveMs, validateClientOptions } from '../config/validate-client-options.js';
import { validateParams } from '../config/validate-params.js';
import { DuoConfigError } from '../errors/error-classes.js';
import { classifyEndpoint, ENDPOINT_CLASSES, type EndpointClass } from '../pacing/endpoint-class.js';
import { Pacer } from '../pacing/pacer.js';
import { pacingHook } from '../pacing/pacing-hook.js';
import type { DuoResponse } from '../request/parse-duo-response.js';
import { retryHook } from '../retry/retry-hook.js';
import { DEFAULT_RETRY, type ResolvedRetryOptions } from '../retry/retry-options.js';
import { sleep } from '../retry/sleep.js';
import type { DuoParams } from '../signing/params.js';
import { FetchTransport } from '../transport/fetch-transport.js';
import { NodeTransport } from '../transport/node-transport.js';
import type { Transport } from '../transport/transport.js';
import type { CallHandler, CallHook, HttpMethod } from './duo-call.js';
import { sendAttempt } from './send-attempt.js';
import { SDK_VERSION } from './version.js';
import { wrapRequest } from './wrap-request.js';

/** Per-call options of `request()` and of every resource method. */
export interface RequestOptions {
  /** Whether sending twice is harmless. Default: true for GET and DELETE, false otherwise. */
  idempotent?: boolean;
  /** The pacing class. Default: derived from method and path. */
  endpointClass?: EndpointClass;
  /** Overrides the client's timeout for this call (each attempt). */
  timeoutMs?: number;
  /** Aborts the call, including retry and pacing waits. */
  signal?: AbortSignal;
}

/** A call as resource methods describe it. */
export interface CallSpec extends RequestOptions {
  method: HttpMethod;
  path: string;
  params?: DuoParams | undefined;
  idempotent: boolean;
  endpointClass: EndpointClass;
  /** Use the long-poll timeout (synchronous auth, auth_status) unless `timeoutMs` is given. */
  longPoll?: boolean;
  /** 5: sign v5 with a JSON body whatever the client's `sigVersion` (endpoints declared `body: 'json'`). */
  sigVersion?: 5;
  /**
   * Called when an attempt has drawn its token from the client's pacer and is about to be sent
   * (for a retry, again): a caller that spaces its own calls by the pacer's budget may let the
   * next one look from then on. Not called when the call fails before that, nor without a pacer.
   */
  onPaced?: (() => void) | undefined;
}

/** What resource classes need from a client. */
export interface Caller {
  call<T>(spec: CallSpec): Promise<DuoResponse<T>>;
}

/** State shared by a client and the child clients it creates: one pool, one pacer, one pipeline. */
export interface ClientRuntime {
  transport: Transport;
  handler: CallHandler;
  pacer: Pacer | undefined;
  timeoutMs: number;
  longPollTimeoutMs: number;
  options: DuoClientOptions;
}

/** @internal How a parent builds a child client: a shared runtime, a host found later, extra params. */
export interface ChildClientInit {
  runtime: ClientRuntime;
  /** Known up front when the caller passed the account object. */
  host: string | undefined;
  resolveHost: () => Promise<string>;
  accountId: string;
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

/**
 * The signed-request core every Duo client shares: validation, signing, transport, retries and
 * pacing wrapped in one pipeline, plus `request()` for any endpoint.
 */
export class DuoClient implements Caller {
  /** The child account every call acts on, for clients made by `accounts.child()`. */
  readonly accountId: string | undefined;
  protected readonly runtime: ClientRuntime;
  private fixedHost: string | undefined;
  private readonly resolveHost: (() => Promise<string>) | undefined;
  private readonly ownsRuntime: boolean;

  constructor(options: DuoClientOptions, child?: ChildClientInit) {
    if (child) {
      this.runtime = child.runtime;
      this.fixedHost = child.host;
      this.resolveHost = child.resolveHost;
      this.accountId = child.accountId;
      this.ownsRuntime = false;
      return;
    }
    const valid = validateClientOptions(options);
    this.fixedHost = valid.host;
    this.accountId = undefined;
    this.resolveHost = undefined;
    this.ownsRuntime = true;
    this.runtime = createRuntime(options, valid);
  }

  /** The API hostname this client signs for; '' for a child whose host is not looked up yet. */
  get host(): string {
    return this.fixedHost ?? '';
  }

  /** The API hostname, looking a child's up (account/list) when needed. */
  async getHost(): Promise<string> {
    return this.currentHost();
  }

  /**
   * A raw signed call to any path. Resolves to `{ status, response, metadata? }` exactly as Duo
   * sent them; throws a DuoError for anything else.
   */
  async request<T = unknown>(method: HttpMethod, path: string, params?: DuoParams, options: RequestOptions = {}): Promise<DuoResponse<T>> {
    const upper = typeof method === 'string' ? (method.toUpperCase() as HttpMethod) : method;
    if (!METHODS.includes(upper)) throw new DuoConfigError('method', `method must be one of ${METHODS.join(', ')}`);
    if (typeof path !== 'string' || !path.startsWith('/')) throw new DuoConfigError('path', 'path must start with "/", e.g. /admin/v1/users');
    if (/[?#]/.test(path)) throw new DuoConfigError('path', 'path must not contain a query: pass parameters as `params`');
    if (options.endpointClass !== undefined && !ENDPOINT_CLASSES.includes(options.endpointClass)) {
      throw new DuoConfigError('endpointClass', `endpointClass must be one of ${ENDPOINT_CLASSES.join(', ')}`);
    }
    return this.call<T>({
      ...options,
      method: upper,
      path,
      params,
      idempotent: options.idempotent ?? (upper === 'GET' || upper === 'DELETE'),
      endpointClass: options.endpointClass ?? classifyEndpoint(upper, path),
    });
  }

  /** Runs a described call through the pipeline; resource methods use this. */
  async call<T>(spec: CallSpec): Promise<DuoResponse<T>> {
    let params = validateParams(spec.params);
    if (this.accountId !== undefined) params = withAccountId(params, this.accountId);
    positiveMs(spec.timeoutMs, 'timeoutMs');
    const host = await this.currentHost();
    const response = await this.runtime.handler({
      method: spec.method,
      host,
      path: spec.path,
      params,
      idempotent: spec.idempotent,
      endpointClass: spec.endpointClass,
      ...(spec.sigVersion ? { sigVersion: spec.sigVersion } : {}),
      accountId: this.accountId,
      timeoutMs: spec.timeoutMs ?? (spec.longPoll ? this.runtime.longPollTimeoutMs : this.runtime.timeoutMs),
      signal: spec.signal,
      attempt: 1,
      ...(spec.onPaced ? { onPaced: spec.onPaced } : {}),
    });
    return response as DuoResponse<T>;
  }

  /** Closes pooled connections. Child clients share their parent's pool, and a given `transport` belongs to its owner: both stay open. */
  close(): void {
    if (this.ownsRuntime && this.runtime.options.transport === undefined) this.runtime.transport.close();
  }

  private async currentHost(): Promise<string> {
    if (this.fixedHost !== undefined) return this.fixedHost;
    const host = await this.resolveHost!();
    this.fixedHost = host;
    return host;
  }
}

function createRuntime(options: DuoClientOptions, valid: ReturnType<typeof validateClientOptions>): ClientRuntime {
  const transport: Transport =
    options.transport ??
    (options.fetch
      ? new FetchTransport(options.fetch)
      : new NodeTransport({ ca: options.ca, proxy: options.proxy, keepAlive: options.keepAlive, maxSockets: options.maxSockets, maxBodiesReading: options.maxBodiesReading }));
  const now = options.now ?? Date.now;
  const hooks: CallHook[] = [];
  if (options.retry !== false) hooks.push(retryHook(resolveRetry(options), options.onRetry));
  const pacer = options.pacing === false ? undefined : options.pacing instanceof Pacer ? options.pacing : new Pacer(options.pacing ?? {});
  if (pacer) hooks.push(pacingHook(pacer));
  const send = sendAttempt(
    {
      ikey: valid.ikey,
      skey: valid.skey,
      sigVersion: valid.sigVersion,
      baseUrl: valid.baseUrl,
      fetchMode: options.fetch !== undefined,
      userAgent: options.userAgent ?? `duohub-sdk/${SDK_VERSION} node/${process.versions.node}`,
      now,
    },
    transport,
  );
  return {
    transport,
    handler: wrapRequest(hooks, send),
    pacer,
    timeoutMs: options.timeoutMs ?? 30_000,
    longPollTimeoutMs: options.longPollTimeoutMs ?? 90_000,
    options,
  };
}

function resolveRetry(options: DuoClientOptions): ResolvedRetryOptions {
  const retry = options.retry === false ? {} : (options.retry ?? {});
  const out: ResolvedRetryOptions = {
    ...DEFAULT_RETRY,
    ...stripUndefined(retry),
    sleep: retry.sleep ?? sleep,
    random: retry.random ?? Math.random,
  };
  if (retry.onRetry) out.onRetry = retry.onRetry;
  return out;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// Child-account calls carry account_id in every request; an explicit one from the caller is replaced.
function withAccountId(params: DuoParams | undefined, accountId: string): DuoParams {
  if (params === undefined) return { account_id: accountId };
  if (Array.isArray(params)) {
    return [...(params as ReadonlyArray<readonly [string, string]>).filter(([k]) => k !== 'account_id'), ['account_id', accountId]];
  }
  return { ...(params as Record<string, never>), account_id: accountId };
}
