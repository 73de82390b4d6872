import { setTimeout as sleep } from 'node:timers/promises';
import { DuoConnectionError, DuoTimeoutError, type DuoAdminClient, type DuoAuthClient, type DuoAuthDevice, type DuoAuthParams } from '@duohub/sdk';
import { requireOrganizationAccess, requireScope, requireUnlimited, type Actor } from '../access/actor.js';
import { auditFailure } from '../audit/audited-write.js';
import { recordAudit, type AuditTarget } from '../audit/record-audit.js';
import { duoErrorToHubError } from '../errors/duo-error-to-hub-error.js';
import { HubError, isHubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { pooledDuoClient } from '../integrations/pooled-duo-client.js';
import { resolveDuoClients } from '../integrations/resolve-duo-clients.js';
import { organizationAuthMissing } from '../organizations/organization-auth-missing.js';
import { loadOrganization } from '../organizations/organization-records.js';
import type { Store } from '../store/open-store.js';
import { newId } from '../store/new-id.js';
import { decidePasscodeAllowance } from './decide-passcode-allowance.js';
import { decidePushAllowance, INTERRUPTING_FACTORS, type PushPolicy } from './decide-push-allowance.js';
import { mapAuthStatus, type VerifyOutcome } from './map-auth-status.js';
import { DEFAULT_PUSH_POLICY } from './mfa-method-schemas.js';
import { loadMethod, methodSecretKeyColumn } from './mfa-method-records.js';
import { mfaDb, type MfaVerificationsTable } from './mfa-tables.js';
import { parsePushInfo } from './parse-push-info.js';
import { parseUsernameTemplate } from './parse-username-template.js';
import { renderUsernameTemplate } from './render-username-template.js';
import { verificationAuditOutcome } from './verification-audit-outcome.js';
import { VerificationRun, VerificationRuns, type VerifyEvent } from './verification-run.js';
import type { VerificationView, VerifyRequest } from './verify-schemas.js';

/** How the verification engine waits for Duo. */
export interface VerifyEngineOptions {
  /**
   * `long-poll` (default): each `auth_status` call is held by Duo until the state changes, so the
   * answer follows the user's tap at once. `{ intervalMs }`: call, then sleep (Vault's way; for comparison).
   */
  poll: 'long-poll' | { intervalMs: number };
  /** A fraud report pauses pushes this many times the method's cooldown. */
  fraudMultiplier: number;
  /** Shortest gap between `auth_status` calls when Duo answers `waiting` without holding the call. */
  minPollGapMs: number;
}

/** Defaults: long-poll, fraud pauses 4x the cooldown, at most 4 status calls a second against a Duo that does not hold calls. */
export const DEFAULT_VERIFY_ENGINE: VerifyEngineOptions = { poll: 'long-poll', fraudMultiplier: 4, minPollGapMs: 250 };

/** Everything a verification needs about where it goes. */
interface VerifyTarget {
  methodId: string | null;
  organizationId: string | null;
  template: string;
  pushInfo: string;
  policy: Omit<PushPolicy, 'fraudMultiplier'>;
  auth: DuoAuthClient;
  host: string;
  /** The organization's Admin API (its own account), to tell an unknown username from a user without a device. */
  admin?: DuoAdminClient | undefined;
}

/** One running verification's context. */
interface RunContext {
  hub: HubContext;
  actor: Actor;
  run: VerificationRun;
  target: VerifyTarget;
  username: string;
  factor: string | null;
  device: string | null;
  meta: AuditTarget;
  startedAt: string;
}

const registries = new WeakMap<Store, VerificationRuns>();

/** The in-memory runs of a store (followers attach here while a verification runs). */
export function verificationRuns(store: Store): VerificationRuns {
  let runs = registries.get(store);
  if (!runs) registries.set(store, (runs = new VerificationRuns()));
  return runs;
}

/**
 * Starts a verification: resolves the username (template or as given), runs preauth (allow, deny
 * and enroll end it at once), checks the chosen factor and device against what preauth offers,
 * applies push-fatigue protection, and sends the authentication asynchronously. Errors the caller
 * must fix (a missing identity value, a factor the user lacks, a rate limit) are thrown after they
 * are recorded. Waiting for the user continues in the background: follow `run`.
 */
export async function startVerification(
  hub: HubContext,
  actor: Actor,
  input: VerifyRequest,
  engine: VerifyEngineOptions = DEFAULT_VERIFY_ENGINE,
): Promise<VerificationRun> {
  const meta: AuditTarget = {
    action: 'mfa.verify',
    targetType: input.method_id ? 'mfa_method' : 'organization',
    targetId: input.method_id ?? input.organization_id ?? null,
    organizationId: input.organization_id ?? null,
    inputs: auditInputs(input),
  };
  let target: VerifyTarget;
  let username: string;
  try {
    requireScope(actor, 'operate');
    target = await resolveTarget(hub, actor, input);
    meta.organizationId = target.organizationId;
    username = resolveUsername(target, input);
    if (typeof input.push_info === 'string') checkExtraPushInfo(input.push_info);
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }

  const id = newId('ver');
  const startedAt = hub.now().toISOString();
  const run = new VerificationRun(id, () => hub.now());
  const ctx: RunContext = { hub, actor, run, target, username, factor: null, device: null, meta: { ...meta, inputs: { ...(meta.inputs as object), username, verification_id: id } }, startedAt };
  await mfaDb(hub.store.db)
    .insertInto('mfa_verifications')
    .values({
      id,
      method_id: target.methodId,
      organization_id: target.organizationId,
      subject: subjectOf(target.host, username),
      username,
      factor: null,
      device: null,
      outcome: 'pending',
      reason: null,
      token_id: actor.tokenId,
      events: null,
      started_at: startedAt,
      finished_at: null,
    })
    .execute();
  verificationRuns(hub.store).add(run);

  const context = { ...(input.ipaddr ? { ipaddr: input.ipaddr } : {}), ...(input.hostname ? { hostname: input.hostname } : {}) };
  let devices: DuoAuthDevice[];
  try {
    const pre = await target.auth.preauth({ username, ...context });
    const listed = (pre.devices ?? []).map((d) => ({ device: d.device, type: d.type, display_name: d.display_name ?? d.name ?? '', capabilities: d.capabilities ?? [] }));
    run.emit('preauth', {
      result: pre.result,
      status_msg: pre.status_msg,
      ...(pre.result === 'auth' ? { devices: listed } : {}),
      ...(pre.enroll_portal_url ? { enroll_portal_url: pre.enroll_portal_url } : {}),
    });
    if (pre.result === 'allow') return await finishNow(ctx, 'allowed', pre.status_msg || 'Duo allows this user without a second factor');
    if (pre.result === 'deny') return await finishNow(ctx, 'refused', pre.status_msg || 'Duo denies this user');
    if (pre.result === 'enroll') {
      if ((await userExists(target, username)) === false) {
        return await finishNow(ctx, 'unknown_user', "No Duo user has this username in the organization's Duo account");
      }
      return await finishNow(ctx, 'enroll', pre.status_msg || 'The user has no device yet');
    }
    if (pre.result !== 'auth') return await finishNow(ctx, 'error', 'unexpected preauth answer from Duo');
    devices = pre.devices ?? [];
  } catch (error) {
    await finish(ctx, 'error', safeReason(error), errorCodeOf(error));
    throw error;
  }

  const factor = input.factor ?? (input.passcode !== undefined ? 'passcode' : 'push');
  const device = factor === 'passcode' ? null : (input.device ?? 'auto');
  ctx.factor = factor;
  ctx.device = device;
  if (!deviceOffers(devices, factor, device)) {
    const error = new HubError('verify_factor_unavailable', {
      message: device && device !== 'auto' ? `Device ${device} of this user cannot do ${factor}.` : `No device of this user can do ${factor}.`,
      details: { factor, device, available: devices.map((d) => ({ device: d.device, capabilities: d.capabilities ?? [] })) },
    });
    await finish(ctx, 'factor_unavailable', error.message, error.code);
    throw error;
  }

  if (INTERRUPTING_FACTORS.has(factor) || factor === 'passcode') {
    // Marked before counting, so a concurrent attempt for the same user sees this one.
    await mfaDb(hub.store.db).updateTable('mfa_verifications').set({ factor, device }).where('id', '=', id).execute();
    const refusal = await attemptRefusal(ctx, engine, factor);
    if (refusal) {
      await finish(ctx, refusal.code === 'verify_rate_limited' ? 'rate_limited' : 'cooldown', refusal.message, refusal.code);
      throw refusal;
    }
  }

  let txid: string;
  try {
    txid = (await target.auth.authAsync(authParams(target, username, factor, device, input, context))).txid;
  } catch (error) {
    // A timeout or dropped connection may come after Duo sent the push: the outcome is unknown.
    const maybeSent = error instanceof DuoTimeoutError || error instanceof DuoConnectionError;
    await finish(ctx, 'error', safeReason(error), errorCodeOf(error), !maybeSent);
    throw error;
  }
  run.emit('sent', { factor, device, ...(factor === 'push' || factor === 'auto' ? { push_info: pushInfoLines(target, input) } : {}) });
  const interactive = INTERRUPTING_FACTORS.has(factor);
  if (interactive) run.emit('waiting', { status: factor === 'phone' ? 'calling' : 'pushed', status_msg: 'Waiting for the user to answer.' });
  void follow(ctx, txid, input.timeout_seconds, engine).catch((error) => hub.logger.error({ err: error, verification_id: id }, 'verification follow-up failed'));
  return run;
}

/** A verification by id: the live run's events while it runs, else the stored record. */
export async function getVerification(hub: HubContext, actor: Actor, id: string): Promise<{ view: VerificationView; run?: VerificationRun }> {
  // Usernames, devices and outcomes are as sensitive as starting a verification: same scope.
  requireScope(actor, 'operate');
  const row = await mfaDb(hub.store.db).selectFrom('mfa_verifications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new HubError('not_found', { message: 'No verification with this id.' });
  if (row.organization_id) requireOrganizationAccess(actor, row.organization_id);
  else requireUnlimited(actor);
  const run = verificationRuns(hub.store).get(id);
  const events = run ? run.events : row.events ? (JSON.parse(row.events) as VerifyEvent[]) : [];
  return { view: toVerificationView(row, events), ...(run ? { run } : {}) };
}

/** The API view of a record with its events. */
export function toVerificationView(row: MfaVerificationsTable, events: VerifyEvent[]): VerificationView {
  const preauth = events.find((e) => e.type === 'preauth');
  const url = preauth?.data.enroll_portal_url;
  return {
    id: row.id,
    method_id: row.method_id,
    organization_id: row.organization_id,
    username: row.username,
    factor: row.factor,
    device: row.device,
    outcome: row.outcome,
    verified: row.outcome === 'approved',
    reason: row.reason,
    enroll_portal_url: typeof url === 'string' ? url : null,
    started_at: row.started_at,
    finished_at: row.finished_at,
    events,
  };
}

async function resolveTarget(hub: HubContext, actor: Actor, input: VerifyRequest): Promise<VerifyTarget> {
  let methodId: string | null = null;
  let organizationId = input.organization_id ?? null;
  let template = '';
  let pushInfo = '';
  let policy: VerifyTarget['policy'] = { pushLimit: DEFAULT_PUSH_POLICY.push_limit, windowSeconds: DEFAULT_PUSH_POLICY.push_window_seconds, cooldownSeconds: DEFAULT_PUSH_POLICY.cooldown_seconds };
  if (input.method_id) {
    const method = await loadMethod(hub.store.db, input.method_id);
    methodId = method.id;
    organizationId = method.organization_id;
    template = method.username_format;
    pushInfo = method.push_info;
    policy = { pushLimit: method.push_limit, windowSeconds: method.push_window_seconds, cooldownSeconds: method.cooldown_seconds };
    if (!organizationId) {
      requireUnlimited(actor);
      const set = { api_host: method.api_hostname!, integration_key: method.integration_key!, secret_key: hub.store.secrets.open(method.secret_key!, methodSecretKeyColumn.at(method.id)) };
      const auth = pooledDuoClient(hub.duo, 'auth', { id: `mfa_${method.id}`, base_url: method.base_url, sig_version: 5 }, set);
      return { methodId, organizationId: null, template, pushInfo, policy, auth, host: set.api_host };
    }
  }
  requireOrganizationAccess(actor, organizationId!);
  const org = await loadOrganization(hub.store.db, organizationId!);
  if (!org.integration_id) throw new HubError('conflict', { message: 'The organization is not mapped to a Duo account yet.', details: { organization_id: org.id } });
  // The organization's own Auth keys (or the integration's for a `parent` mapping), never the parent's for a child.
  const resolved = await resolveDuoClients(hub.store, { integrationId: org.integration_id, organizationId: org.id }, hub.duo);
  if (!resolved.auth || !resolved.authHost) throw organizationAuthMissing(org);
  return { methodId, organizationId: org.id, template, pushInfo, policy, auth: resolved.auth, host: resolved.authHost, admin: resolved.admin };
}

function resolveUsername(target: VerifyTarget, input: VerifyRequest): string {
  if (input.username !== undefined) return input.username;
  const parsed = parseUsernameTemplate(target.template);
  // Saved templates were checked on write; a failure here means the row was edited behind the API.
  if (!parsed.ok) throw new HubError('mfa_template_invalid', { details: { errors: parsed.errors } });
  const rendered = renderUsernameTemplate(parsed.parts, input.identity ?? {});
  if (!rendered.ok) throw new HubError('verify_identity_invalid', { message: `The identity cannot be turned into a username: ${rendered.error}.`, details: { error: rendered.error } });
  return rendered.value;
}

function checkExtraPushInfo(value: string): void {
  const parsed = parsePushInfo(value);
  if (!parsed.ok) throw new HubError('mfa_push_info_invalid', { details: { errors: parsed.errors } });
}

/** Whether preauth's devices can do `factor` (on `device`, unless auto); passcodes need no listed device. */
function deviceOffers(devices: DuoAuthDevice[], factor: string, device: string | null): boolean {
  if (factor === 'passcode') return true;
  const wanted = factor === 'auto' ? ['push', 'phone'] : [factor];
  const candidates = device && device !== 'auto' ? devices.filter((d) => d.device === device) : devices;
  return candidates.some((d) => (d.capabilities ?? []).some((c) => wanted.includes(c)));
}

/** Push-fatigue protection for pushes and calls, guess throttling for passcodes; undefined lets the attempt go. */
async function attemptRefusal(ctx: RunContext, engine: VerifyEngineOptions, factor: string): Promise<HubError | undefined> {
  const { hub, target } = ctx;
  const horizonSeconds = Math.max(target.policy.windowSeconds, target.policy.cooldownSeconds * engine.fraudMultiplier);
  const since = new Date(hub.now().getTime() - horizonSeconds * 1000).toISOString();
  const rows = await mfaDb(hub.store.db)
    .selectFrom('mfa_verifications')
    .select(['id', 'factor', 'outcome', 'started_at', 'finished_at'])
    .where('subject', '=', subjectOf(target.host, ctx.username))
    .where('started_at', '>=', since)
    .where('id', '!=', ctx.run.id)
    .execute();
  const history = rows.map((r) => ({
    factor: r.factor,
    outcome: r.outcome,
    startedAtMs: Date.parse(r.started_at),
    finishedAtMs: r.finished_at ? Date.parse(r.finished_at) : null,
  }));
  if (factor === 'passcode') {
    const verdict = decidePasscodeAllowance(history, hub.now().getTime(), { limit: target.policy.pushLimit, windowSeconds: target.policy.windowSeconds });
    if (verdict.allowed) return undefined;
    return new HubError('verify_rate_limited', {
      message: `This user already tried ${verdict.limit} passcodes within ${verdict.windowSeconds} s; try again in ${verdict.retryAfterSeconds} s.`,
      details: { limit: verdict.limit, window_seconds: verdict.windowSeconds, retry_after_seconds: verdict.retryAfterSeconds, factor: 'passcode' },
    });
  }
  const decision = decidePushAllowance(history, hub.now().getTime(), { ...target.policy, fraudMultiplier: engine.fraudMultiplier });
  if (decision.allowed) return undefined;
  if (decision.rule === 'rate_limit') {
    return new HubError('verify_rate_limited', {
      message: `This user already got ${decision.limit} pushes or calls within ${decision.windowSeconds} s; try again in ${decision.retryAfterSeconds} s or use a passcode.`,
      details: { limit: decision.limit, window_seconds: decision.windowSeconds, retry_after_seconds: decision.retryAfterSeconds },
    });
  }
  return new HubError('verify_cooldown', {
    message: `This user ${decision.lastOutcome === 'fraud' ? 'reported a push as fraud' : 'denied a push'} recently; pushes resume in ${decision.retryAfterSeconds} s (a passcode still works).`,
    details: { last_outcome: decision.lastOutcome, retry_after_seconds: decision.retryAfterSeconds },
  });
}

function authParams(
  target: VerifyTarget,
  username: string,
  factor: string,
  device: string | null,
  input: VerifyRequest,
  context: { ipaddr?: string; hostname?: string },
): DuoAuthParams {
  if (factor === 'passcode') return { username, factor: 'passcode', passcode: input.passcode!, ...context };
  if (factor === 'push' || factor === 'auto') {
    const pushinfo = combinedPushInfo(target, input);
    return {
      username,
      factor,
      device: device ?? 'auto',
      ...(pushinfo ? { pushinfo } : {}),
      ...(input.type ? { type: input.type } : {}),
      ...(input.display_username ? { display_username: input.display_username } : {}),
      ...context,
    };
  }
  return { username, factor: factor as 'phone' | 'sms', device: device ?? 'auto', ...context };
}

/** The method's push_info followed by the request's (e.g. a ticket number), URL-encoded as Duo wants. */
function combinedPushInfo(target: VerifyTarget, input: VerifyRequest): string {
  const extra = input.push_info === undefined ? '' : typeof input.push_info === 'string' ? input.push_info : new URLSearchParams(input.push_info).toString();
  return [target.pushInfo, extra].filter(Boolean).join('&');
}

function pushInfoLines(target: VerifyTarget, input: VerifyRequest): Record<string, string> {
  const parsed = parsePushInfo(combinedPushInfo(target, input));
  return parsed.ok ? Object.fromEntries(parsed.pairs) : {};
}

/**
 * Waits for the user: `auth_status` long-polls (Duo answers when the state changes), each
 * `waiting` answer is an event, and the explicit timeout aborts the wait.
 */
async function follow(ctx: RunContext, txid: string, timeoutSeconds: number, engine: VerifyEngineOptions): Promise<void> {
  const controller = new AbortController();
  const elapsed = Date.now() - Date.parse(ctx.startedAt);
  const timer = setTimeout(() => controller.abort(), Math.max(0, timeoutSeconds * 1000 - Math.max(0, elapsed)));
  timer.unref();
  try {
    for (;;) {
      const began = Date.now();
      const reading = mapAuthStatus(await ctx.target.auth.authStatus(txid, { signal: controller.signal }));
      if (reading.final) return await finish(ctx, reading.outcome, reading.reason);
      ctx.run.emit('waiting', { status: reading.status, status_msg: reading.statusMsg });
      const gap = engine.poll === 'long-poll' ? engine.minPollGapMs - (Date.now() - began) : engine.poll.intervalMs;
      if (gap > 0) await sleep(gap, undefined, { signal: controller.signal });
    }
  } catch (error) {
    // Either way the authentication went out and Duo's verdict never arrived here.
    if (controller.signal.aborted) return await finish(ctx, 'timed_out', `No answer within ${timeoutSeconds} s; the hub stopped waiting.`, null, false);
    return await finish(ctx, 'error', safeReason(error), errorCodeOf(error), false);
  } finally {
    clearTimeout(timer);
  }
}

async function finishNow(ctx: RunContext, outcome: VerifyOutcome, reason: string): Promise<VerificationRun> {
  await finish(ctx, outcome, reason);
  return ctx.run;
}

/**
 * Ends a verification: the record and its audit entry are written in one transaction, then the
 * result event is published (so whoever sees the result can also find it stored). `settled` is
 * false when Duo's final answer is unknown (audited as `unknown`).
 */
async function finish(ctx: RunContext, outcome: VerifyOutcome, reason: string, errorCode: string | null = null, settled = true): Promise<void> {
  const { hub, run } = ctx;
  if (run.done) return;
  const finishedAt = hub.now().toISOString();
  const row: MfaVerificationsTable = {
    id: run.id,
    method_id: ctx.target.methodId,
    organization_id: ctx.target.organizationId,
    subject: subjectOf(ctx.target.host, ctx.username),
    username: ctx.username,
    factor: ctx.factor,
    device: ctx.device,
    outcome,
    reason,
    token_id: ctx.actor.tokenId,
    events: null,
    started_at: ctx.startedAt,
    finished_at: finishedAt,
  };
  const { events: _events, ...view } = toVerificationView(row, run.events);
  const event = run.prepare('result', view);
  const auditOutcome = verificationAuditOutcome(outcome, settled);
  try {
    await hub.store.db.transaction().execute(async (trx) => {
      await mfaDb(trx)
        .updateTable('mfa_verifications')
        .set({ factor: ctx.factor, device: ctx.device, outcome, reason, events: JSON.stringify([...run.events, event]), finished_at: finishedAt })
        .where('id', '=', run.id)
        .execute();
      await recordAudit(trx, hub, ctx.actor, { ...ctx.meta, inputs: { ...(ctx.meta.inputs as object), factor: ctx.factor, device: ctx.device, outcome, reason } }, auditOutcome, errorCode);
    });
  } catch (error) {
    hub.logger.error({ err: error, verification_id: run.id }, 'could not store the verification result');
  }
  run.publish(event);
}

/**
 * Whether the organization's Duo account has a user with this username (or alias): true, false,
 * or undefined when there is no Admin API to ask or it cannot answer (then preauth's `enroll` stands).
 */
async function userExists(target: VerifyTarget, username: string): Promise<boolean | undefined> {
  if (!target.admin) return undefined;
  try {
    const answer = await target.admin.request('GET', '/admin/v1/users', { username });
    return Array.isArray(answer.response) ? answer.response.length > 0 : undefined;
  } catch {
    return undefined;
  }
}

function subjectOf(host: string, username: string): string {
  return `${host.toLowerCase()}|${username.toLowerCase()}`;
}

/** The request as the audit log keeps it: never the passcode (the factor shows one was used). */
function auditInputs(input: VerifyRequest): Record<string, unknown> {
  const { passcode: _passcode, identity, ...rest } = input;
  return { ...rest, ...(identity ? { identity_name: identity.name ?? null } : {}) };
}

function errorCodeOf(error: unknown): string {
  if (isHubError(error)) return error.code;
  return duoErrorToHubError(error)?.code ?? 'internal';
}

/** A secret-free description of a failure (SDK errors never carry secrets; others are not echoed). */
function safeReason(error: unknown): string {
  const hub = isHubError(error) ? error : duoErrorToHubError(error);
  return hub ? hub.message : 'internal error (logged)';
}
