import { DuoFailure, fail } from '../duo-result.js';
import { pickFault, type FaultPlan } from '../faults.js';
import type { RateLimiter } from '../rate-limit.js';
import type { DuoResult, HandlerContext, ResolvedEmulatorOptions, Route } from '../route.js';
import type { StatsRecorder } from '../stats-recorder.js';
import { accountByHost, findIntegration } from '../state/lookup.js';
import type { EmulatorState } from '../state/types.js';
import { checkDeclaredParams } from '../params/check-declared-params.js';
import { beginAdminLog } from '../logs/admin-log-recorder.js';
import { authorize } from './authorize.js';
import { createParams } from './create-params.js';
import { matchRoute } from './match-route.js';
import { readParams, type RawParams } from './read-body.js';
import { isIpOrLocalhost, requestHost } from './request-host.js';
import { resolveAccount } from './resolve-account.js';
import { toResponse } from './to-response.js';
import { stateChanged } from '../serialize/user-json-cache.js';
import { parseAuthorization, verifySignature } from './verify-signature.js';

/** What the pipeline reads from the emulator that owns it. */
export interface PipelineEnv {
  state: EmulatorState;
  options: ResolvedEmulatorOptions;
  /** Route lists in match order: per-test overrides, then the built-ins. */
  routeLists(): ReadonlyArray<readonly Route[]>;
  /** RNG for ids and codes handed to handlers. */
  random: () => number;
  /** A separate RNG for faults, so injecting faults does not change the ids a test sees. */
  faultRandom: () => number;
  limiter(): RateLimiter;
  stats: StatsRecorder;
}

/** A request's fate: an answer, or a connection to drop without one. */
export type Outcome = { kind: 'response'; response: Response } | { kind: 'reset' };

type Failure = Extract<DuoResult, { kind: 'fail' }>;

/**
 * Runs one request through the pipeline: faults, routing, signature, account, authorization,
 * rate limit, parameters, handler, Duo envelope. Never throws for a client's mistake or a handler's bug.
 */
export async function handleRequest(env: PipelineEnv, request: Request): Promise<Outcome> {
  // The answer's way back (see `FaultRule.returnShare`): known once the request's faults are picked.
  const trip = { returnMs: 0 };
  const outcome = await handleArrived(env, request, trip);
  if (trip.returnMs > 0) await sleep(trip.returnMs);
  return outcome;
}

async function handleArrived(env: PipelineEnv, request: Request, trip: { returnMs: number }): Promise<Outcome> {
  const url = new URL(request.url);
  const host = requestHost(request, url);
  const { options } = env;

  if (
    options.unknownHosts === 'reject' &&
    !accountByHost(env.state, host) &&
    !isIpOrLocalhost(host)
  ) {
    env.stats.request('unknown_host', 404);
    // Deliberately not a Duo envelope: a misrouted hostname would reach some other server.
    return respond(new Response('Not Found\n', { status: 404, headers: { 'content-type': 'text/plain' } }));
  }

  const method = request.method.toUpperCase();
  const match = matchRoute(env.routeLists(), method, url.pathname);
  // Anything but a read may change state: cached user JSON (the cacheUserJson option) is made again.
  if (method !== 'GET' && !(match.kind === 'found' && match.route.readOnly)) stateChanged(env.state);
  const routeKey = match.kind === 'found' ? `${match.route.method} ${match.route.pattern}` : 'unmatched';
  // Set once the request is tied to an account, so the per-account counts include refusals after that.
  let accountId: string | undefined;
  const finish = (result: DuoResult, headers?: Record<string, string>): Outcome => {
    const response = toResponse(result, headers);
    env.stats.request(routeKey, response.status, accountId);
    return respond(response);
  };

  const plan = pickFault(options.faults, url.pathname, env.faultRandom);
  trip.returnMs = plan.returnMs;
  if (plan.latencyMs - plan.returnMs > 0) await sleep(plan.latencyMs - plan.returnMs);
  if (plan.when === 'before' && plan.action !== 'none') return applyFault(env, plan, routeKey);

  if (match.kind === 'not_found') return finish(fail(404, 40401, 'Resource not found'));
  if (match.kind === 'wrong_method') {
    return finish(fail(405, 40501, 'Method not allowed', `Allowed: ${match.allowed.join(', ')}`));
  }
  const { route } = match;

  const body = new Uint8Array(await request.arrayBuffer());
  const raw = readParams(url, request.headers.get('content-type'), body);
  const accountIdParam = route.api === 'admin' ? firstValue(raw, 'account_id') : undefined;

  let signer: ReturnType<typeof findIntegration>;
  let signedHost: string | undefined;
  if (route.signed !== false) {
    const authorization = request.headers.get('authorization');
    const claimed = parseAuthorization(authorization);
    signer = claimed ? findIntegration(env.state, claimed.ikey) : undefined;
    const verdict = verifySignature({
      method: request.method,
      hosts: candidateHosts(env.state, host, signer?.account, accountIdParam),
      path: url.pathname,
      authorization,
      date: request.headers.get('x-duo-date') ?? request.headers.get('date'),
      queryPairs: raw.queryPairs,
      formPairs: raw.formPairs,
      body,
      xDuoHeaders: xDuoHeaders(request.headers),
      nowMs: options.now(),
      clockSkewSec: options.clockSkewSec,
      rejectSha1: options.rejectSha1,
      secretFor: (ikey) => (signer && signer.integration.integration_key === ikey ? signer.integration.secret_key : undefined),
    });
    if (!verdict.ok) return finish(verdict.result);
    signedHost = verdict.host;
  }

  const resolution = resolveAccount({
    state: env.state,
    host,
    signedHost,
    api: route.api,
    signer,
    accountId: accountIdParam,
    defaultAccountId: options.defaultAccountId,
  });
  if (!resolution.ok) return finish(resolution.result);
  const { account, actingOnChild } = resolution;
  accountId = account.account_id;

  const denied = authorize(route, signer?.integration, actingOnChild);
  if (denied) return finish(denied);

  const decision = env.limiter().take(account.account_id, route.endpointClass, route.endpoint?.id);
  if (!decision.allowed) {
    const wantsRetryAfter = options.rateLimits !== false && options.rateLimits.retryAfter === true;
    return finish(
      fail(429, 42901, 'Too Many Requests'),
      wantsRetryAfter ? { 'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterSec))) } : undefined,
    );
  }

  if (raw.error) return finish(raw.error);
  const omit = route.api === 'admin' ? new Set(['account_id']) : new Set<string>();
  const params = createParams([...raw.queryPairs, ...raw.formPairs], raw.json, omit);
  // The declared shape is checked here, once for every route; the handler keeps the behaviour.
  const invalid = route.endpoint ? checkDeclaredParams(route.endpoint, params) : undefined;
  if (invalid) return finish(invalid);

  let recorded = false;
  const ctx: HandlerContext = {
    state: env.state,
    account,
    integration: signer?.integration,
    params,
    path: match.path,
    request,
    now: options.now,
    random: env.random,
    options,
    recordExecution(operation, detail) {
      recorded = true;
      env.stats.execution({
        operation,
        account_id: account.account_id,
        at: options.now(),
        ...(detail === undefined ? {} : { detail }),
      });
    },
  };

  // Admin API writes (and secret views) leave administrator and activity log rows.
  const adminLog = beginAdminLog(ctx, route.endpoint, route.readOnly);
  if (adminLog) ctx.logAdminChange = (note) => adminLog.note(note);

  let result: DuoResult;
  try {
    result = await route.handle(ctx);
  } catch (error) {
    if (error instanceof DuoFailure) {
      result = error.result;
    } else {
      env.stats.internalError();
      options.onError(error, routeKey);
      result = fail(500, 50001, 'Unknown internal server error');
    }
  }
  if (route.nonIdempotent && !recorded && succeeded(result)) ctx.recordExecution(route.nonIdempotent);
  adminLog?.finish(result);

  if (plan.when === 'after' && plan.action !== 'none') return applyFault(env, plan, routeKey);
  return finish(result);
}

function respond(response: Response): Outcome {
  return { kind: 'response', response };
}

function succeeded(result: DuoResult): boolean {
  if (result.kind === 'fail') return false;
  if (result.kind === 'raw') return result.response.ok;
  if (result.kind === 'ok_json') return true;
  return (result.status ?? 200) < 400;
}

function applyFault(env: PipelineEnv, plan: FaultPlan, routeKey: string): Outcome {
  if (plan.action === 'reset') {
    env.stats.request(routeKey, 'reset');
    return { kind: 'reset' };
  }
  const result: Failure =
    plan.action === 'rate_limit'
      ? (fail(429, 42901, 'Too Many Requests') as Failure)
      : (fail(500, 50001, 'Unknown internal server error') as Failure);
  const wantsRetryAfter =
    plan.action === 'rate_limit' && env.options.rateLimits !== false && env.options.rateLimits.retryAfter === true;
  const response = toResponse(result, wantsRetryAfter ? { 'retry-after': '1' } : {});
  env.stats.request(routeKey, response.status);
  return respond(response);
}

function firstValue(raw: RawParams, name: string): string | undefined {
  for (const [k, v] of raw.queryPairs) if (k === name) return v;
  for (const [k, v] of raw.formPairs) if (k === name) return v;
  const json = raw.json?.[name];
  return typeof json === 'string' ? json : undefined;
}

// A client pointed at 127.0.0.1 may still sign its account's api_hostname (as an SDK with a
// base URL override does); when the request host is no account's, those hostnames are tried too.
function candidateHosts(
  state: EmulatorState,
  host: string,
  signerAccount: { api_hostname: string } | undefined,
  accountId: string | undefined,
): string[] {
  const hosts = [host];
  if (accountByHost(state, host)) return hosts;
  const extra = [signerAccount?.api_hostname, accountId ? state.accounts[accountId]?.api_hostname : undefined];
  for (const h of extra) if (h && !hosts.includes(h.toLowerCase())) hosts.push(h.toLowerCase());
  return hosts;
}

function xDuoHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.toLowerCase().startsWith('x-duo-')) out[name.toLowerCase()] = value;
  });
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
