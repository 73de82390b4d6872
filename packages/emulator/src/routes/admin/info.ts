import { infoAuthenticationAttempts, infoSummary, infoTelephonyCreditsUsed, infoUserAuthenticationAttempts, type EndpointDeclaration } from '@duohub/sdk';
import { fail, ok } from '../../duo-result.js';
import { optionalInt } from '../../params/read-param.js';
import type { HandlerContext, Route } from '../../route.js';
import { defineRoute } from '../../route.js';
import type { AuthLogEntry } from '../../state/types.js';

const DAY = 86_400;
const MAX_SPAN = 180 * DAY;
const DEFAULT_SPAN = 30 * DAY;

/** The log's result names as the info endpoints count them. */
const RESULT_KEYS: Record<AuthLogEntry['result'], 'SUCCESS' | 'FAILURE' | 'ERROR' | 'FRAUD'> = {
  success: 'SUCCESS',
  denied: 'FAILURE',
  error: 'ERROR',
  fraud: 'FRAUD',
};

/** Log factors that cost telephony credits: calls and texted passcodes. */
const TELEPHONY_FACTORS = new Set(['phone_call', 'sms_refresh']);

type Window = { mintime: number; maxtime: number };

/**
 * The `mintime`/`maxtime` window in Unix seconds: maxtime defaults to now, mintime to 30 days before
 * maxtime; a reversed window or one wider than 180 days -> 400/40002.
 */
function readWindow(ctx: HandlerContext): Window | ReturnType<typeof fail> {
  const maxtime = optionalInt(ctx.params, 'maxtime', { min: 0 }) ?? Math.floor(ctx.now() / 1000);
  const mintime = optionalInt(ctx.params, 'mintime', { min: 0 }) ?? maxtime - DEFAULT_SPAN;
  if (mintime > maxtime) return fail(400, 40002, 'Invalid request parameters', 'mintime');
  if (maxtime - mintime > MAX_SPAN) return fail(400, 40002, 'Invalid request parameters', 'mintime: the span may not exceed 180 days');
  return { mintime, maxtime };
}

function inWindow(window: Window): (e: AuthLogEntry) => boolean {
  return (e) => {
    const sec = Math.floor(e.timestamp_ms / 1000);
    return sec >= window.mintime && sec <= window.maxtime;
  };
}

function emptyCounts(): Record<'ERROR' | 'FAILURE' | 'FRAUD' | 'SUCCESS', number> {
  return { ERROR: 0, FAILURE: 0, FRAUD: 0, SUCCESS: 0 };
}

/** `GET /admin/v1/info/summary`: account-wide counts. */
export const summaryRoute = defineRoute({
  endpoint: infoSummary,
  handle(ctx) {
    const users = Object.values(ctx.account.users);
    return ok({
      // States made before administrators were modelled hold none; every Duo account has at least its owner.
      admin_count: Math.max(1, Object.keys(ctx.account.admins ?? {}).length),
      integration_count: Object.keys(ctx.account.integrations).length,
      telephony_credits_remaining: ctx.account.telephony_credits,
      user_count: users.length,
      user_pending_deletion_count: users.filter((u) => u.status === 'pending deletion').length,
    });
  },
});

/** An info route answering from the authentication log rows inside the `mintime`..`maxtime` window. */
function windowedInfoRoute(endpoint: EndpointDeclaration, answer: (entries: AuthLogEntry[]) => Record<string, unknown>): Route {
  return defineRoute({
    endpoint,
    handle(ctx) {
      const window = readWindow(ctx);
      if ('kind' in window) return window;
      return ok({ ...answer(ctx.account.auth_log.filter(inWindow(window))), ...window });
    },
  });
}

/** `GET /admin/v1/info/authentication_attempts`: attempts in the window by result. */
export const authenticationAttemptsRoute = windowedInfoRoute(infoAuthenticationAttempts, (entries) => {
  const counts = emptyCounts();
  for (const e of entries) counts[RESULT_KEYS[e.result]] += 1;
  return { authentication_attempts: counts };
});

/** `GET /admin/v1/info/user_authentication_attempts`: distinct users per result in the window. */
export const userAuthenticationAttemptsRoute = windowedInfoRoute(infoUserAuthenticationAttempts, (entries) => {
  const seen = { ERROR: new Set<string>(), FAILURE: new Set<string>(), FRAUD: new Set<string>(), SUCCESS: new Set<string>() };
  for (const e of entries) seen[RESULT_KEYS[e.result]].add(e.user_id ?? `name:${e.username}`);
  const counts = emptyCounts();
  for (const key of Object.keys(counts) as Array<keyof typeof counts>) counts[key] = seen[key].size;
  return { user_authentication_attempts: counts };
});

/** `GET /admin/v1/info/telephony_credits_used`: credits spent on calls and texts in the window (one each). */
export const telephonyCreditsUsedRoute = windowedInfoRoute(infoTelephonyCreditsUsed, (entries) => ({
  telephony_credits_used: entries.filter((e) => TELEPHONY_FACTORS.has(e.factor)).length,
}));

/** Admin API `/admin/v1/info/*` routes. */
export const infoRoutes: Route[] = [
  summaryRoute,
  authenticationAttemptsRoute,
  userAuthenticationAttemptsRoute,
  telephonyCreditsUsedRoute,
];
