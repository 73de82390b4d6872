import { HubError } from '../errors/hub-error.js';
import type { FieldIssue } from '../errors/error-registry.js';
import type { DuoConnectOptions } from './duo-connect-options.js';
import { isDuoApiHost } from './is-duo-api-host.js';
import { originProblem } from './origin-problem.js';

/** What a write (or a call about to be made) would point the hub at, with the request field of each part. */
export interface DuoTarget {
  /** API hostnames, e.g. `{ field: 'auth.api_host', host }`. */
  hosts: Array<{ field: string; host: string }>;
  /** A connect-address override; null, undefined or empty means none. */
  baseUrl?: { field: string; value: string | null | undefined } | undefined;
  /** Where the fields travel (default `body`). */
  in?: string;
}

const CUSTOM_HINT = 'the server does not allow custom Duo origins (DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS)';

/** Field issues for `target` under the hub's settings; empty when the hub may reach it (pure). */
export function duoTargetIssues(duo: Pick<DuoConnectOptions, 'allowCustomOrigins'>, target: DuoTarget): FieldIssue[] {
  const where = target.in ?? 'body';
  const issues: FieldIssue[] = [];
  for (const { field, host } of target.hosts) {
    if (!duo.allowCustomOrigins && !isDuoApiHost(host)) {
      issues.push({ in: where, field, message: `must be a Duo API hostname such as api-xxxxxxxx.duosecurity.com; ${CUSTOM_HINT}` });
    }
  }
  const base = target.baseUrl;
  if (base && base.value) {
    // Shape first: a malformed or non-http(s) URL is refused whatever the setting says.
    const problem = originProblem(base.value);
    if (problem) issues.push({ in: where, field: base.field, message: problem });
    else if (!duo.allowCustomOrigins) issues.push({ in: where, field: base.field, message: `is not accepted: ${CUSTOM_HINT}` });
  }
  return issues;
}

/**
 * The one guard against the hub being pointed at hosts that are not Duo's (SSRF): throws
 * `validation_failed` naming each offending field. Call it on every write that stores a host or
 * base URL, and again before a stored target is used, so turning the setting off stops calls too.
 */
export function checkDuoTarget(duo: Pick<DuoConnectOptions, 'allowCustomOrigins'>, target: DuoTarget): void {
  const issues = duoTargetIssues(duo, target);
  if (issues.length > 0) {
    throw new HubError('validation_failed', { message: 'The Duo host or base URL is not allowed.', details: issues });
  }
}
