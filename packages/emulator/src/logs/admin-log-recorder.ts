import type { EndpointDeclaration } from '@duohub/sdk';
import type { DuoResult, HandlerContext } from '../route.js';
import type { Account } from '../state/types.js';
import { adminLogRule, type AdminLogRule, type TargetKind } from './admin-log-actions.js';
import { ACTIVITY_TARGET_TYPE, ANSWER_KEY, isSecretField, snapshotTarget, TARGET_PARAM, type TargetSnapshot } from './admin-log-targets.js';
import { nextLogUuid } from './log-ids.js';
import type { ActivityParty, AdminChangeNote } from './log-records.js';
import { logsOf } from './logs-of.js';

/** Follows one Admin (or Accounts) API request from before its handler runs to its answer. */
export interface AdminLogRecorder {
  /** What the handler says it changed (`ctx.logAdminChange`). */
  note(change: AdminChangeNote): void;
  /** Writes the administrator and activity rows, if the request succeeded. */
  finish(result: DuoResult): void;
}

type Ctx = Pick<HandlerContext, 'state' | 'account' | 'integration' | 'params' | 'path' | 'now' | 'options'>;

/**
 * Starts recording a request when the administrator log shows it (every write, and secret-key views):
 * the target (found by path parameter) is snapshotted first, so an update's row can say what changed
 * and its activity row can carry the old and the new values. Undefined when nothing is recorded.
 */
export function beginAdminLog(ctx: Ctx, endpoint: EndpointDeclaration | undefined, readOnly = false): AdminLogRecorder | undefined {
  if (!endpoint || (endpoint.api !== 'admin' && endpoint.api !== 'accounts') || (readOnly && endpoint.method !== 'GET')) return undefined;
  const rule = adminLogRule(endpoint.id, endpoint.method);
  if (!rule) return undefined;
  const account = ctx.account;
  const beforeKey = requestTargetKey(ctx, rule);
  const before = beforeKey === undefined ? undefined : snapshotTarget(ctx.state, account, rule.target, beforeKey);
  const codesBefore = rule.action === 'bypass_create' && beforeKey ? userCodeIds(account, beforeKey) : undefined;
  const notes: AdminChangeNote[] = [];
  return {
    note: (change) => void notes.push(change),
    finish(result) {
      if (!succeeded(result)) return;
      const response = result.kind === 'ok' ? result.response : undefined;
      if (rule.fanOut) {
        for (const key of fanOutKeys(ctx, rule, response)) {
          const snap = snapshotTarget(ctx.state, account, rule.target, key);
          writeRows(ctx, rule, { key, object: snap?.name ?? key, description: describeObject(snap), before: undefined, after: snap });
        }
        return;
      }
      const key = beforeKey ?? answerKey(rule.target, response) ?? (rule.target === 'account' ? account.account_id : undefined);
      const after = key === undefined ? undefined : snapshotTarget(ctx.state, account, rule.target, key);
      const note = Object.assign({}, ...notes) as AdminChangeNote;
      const description =
        note.description !== undefined
          ? note.description
          : describe(ctx, rule, endpoint, before, after, codesBefore === undefined ? undefined : newCodeIds(account, beforeKey!, codesBefore));
      writeRows(ctx, rule, {
        key: note.key ?? key ?? null,
        object: note.object !== undefined ? note.object : objectName(ctx, rule, before, after),
        description: description === null ? null : safeDescription(description),
        before,
        after,
        ...(note.action ? { action: note.action } : {}),
      });
    },
  };
}

interface Row {
  action?: string;
  key: string | null;
  object: string | null;
  description: Record<string, unknown> | null;
  before: TargetSnapshot | undefined;
  after: TargetSnapshot | undefined;
}

/** Appends one administrator-log row and its activity-log twin (old and new values of the target). */
function writeRows(ctx: Ctx, rule: AdminLogRule, row: Row): void {
  const logs = logsOf(ctx.account);
  const ts = ctx.now();
  const action = row.action ?? rule.action;
  const integration = ctx.integration;
  const username = ctx.options.adminLogApiUsername === 'integration_name' && integration ? integration.name : 'API';
  logs.administrator.push({
    id: nextLogUuid(ctx.account, 'administrator'),
    ts_ms: ts,
    username,
    action,
    object: row.object,
    description: row.description === null ? null : JSON.stringify(row.description),
  });
  const actor: ActivityParty = { key: integration?.integration_key ?? null, name: integration?.name ?? 'API', type: 'adminapi', details: null };
  const type = action.startsWith('bypass_') ? 'user_bypass' : ACTIVITY_TARGET_TYPE[rule.target];
  const deleted = row.before !== undefined && row.after === undefined;
  logs.activity.push({
    activity_id: nextLogUuid(ctx.account, 'activity'),
    ts_ms: ts,
    action,
    actor,
    target: { key: row.key, name: row.object, type, details: deleted ? null : (row.after?.details ?? row.description) },
    old_target: row.before ? { key: row.before.key, name: row.before.name, type, details: row.before.details } : null,
    application: null,
    outcome: 'SUCCESS',
    access_device: null,
  });
}

/** The target's key as the request names it: a path parameter, a body parameter, or (bypass deletes) the code's user. */
function requestTargetKey(ctx: Ctx, rule: AdminLogRule): string | undefined {
  const kind = rule.target;
  const param = TARGET_PARAM[kind];
  const fromPath = param === undefined ? undefined : ctx.path[param];
  if (fromPath) return fromPath;
  if (kind === 'user') {
    const code = ctx.path['bypass_code_id'];
    if (code) return ctx.account.bypass_codes[code]?.user_id;
    const username = rule.action === 'send_enroll_code' ? ctx.params.get('username') : undefined;
    if (username !== undefined) return Object.values(ctx.account.users).find((u) => u.username === username)?.user_id;
  }
  if (kind === 'account') return ctx.account.account_id;
  if (kind === 'child_account') return ctx.params.get('account_id') ?? (ctx.account.parent_id !== null ? ctx.account.account_id : undefined);
  return undefined;
}

function answerKey(kind: TargetKind, response: unknown): string | undefined {
  const field = ANSWER_KEY[kind];
  if (field === undefined || typeof response !== 'object' || response === null || Array.isArray(response)) return undefined;
  const value = (response as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

function fanOutKeys(ctx: Ctx, rule: AdminLogRule, response: unknown): string[] {
  if (rule.fanOut === 'answer_users') {
    const list = Array.isArray(response) ? response : [];
    return list.map((u) => (typeof u === 'object' && u !== null ? (u as Record<string, unknown>)['user_id'] : undefined)).filter((id): id is string => typeof id === 'string');
  }
  const raw = ctx.params.json('user_id_list') ?? ctx.params.get('user_id_list');
  let ids: unknown = raw;
  if (typeof raw === 'string') {
    try {
      ids = JSON.parse(raw);
    } catch {
      ids = [];
    }
  }
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** The row's `object`: the target's name as Duo shows it (bypass rows name the user). */
function objectName(ctx: Ctx, rule: AdminLogRule, before: TargetSnapshot | undefined, after: TargetSnapshot | undefined): string | null {
  const snap = after ?? before;
  if (snap) return snap.name;
  if (rule.target === 'user') return ctx.params.get('username') ?? null;
  return null;
}

/**
 * The description Duo writes: for a create, what was set (the request's parameters); for an update,
 * the fields that changed with their new values (the parameters when nothing visible changed); for
 * a delete or a view, nothing; for a bypass-code create, Duo's own fields.
 */
function describe(
  ctx: Ctx,
  rule: AdminLogRule,
  endpoint: EndpointDeclaration,
  before: TargetSnapshot | undefined,
  after: TargetSnapshot | undefined,
  newCodes: string[] | undefined,
): Record<string, unknown> | null {
  if (rule.action === 'bypass_create') {
    const count = newCodes?.length ?? 0;
    const first = newCodes?.[0] === undefined ? undefined : ctx.account.bypass_codes[newCodes[0]];
    const validSecs = Number(ctx.params.get('valid_secs') ?? 0);
    return {
      bypass: '',
      count,
      valid_secs: Number.isFinite(validSecs) ? validSecs : 0,
      auto_generated: !ctx.params.has('codes'),
      remaining_uses: first?.reuse_count ?? null,
      user_id: after?.key ?? before?.key ?? null,
      bypass_code_ids: newCodes ?? [],
    };
  }
  if (endpoint.method === 'GET' || (before !== undefined && after === undefined) || endpoint.method === 'DELETE') return null;
  if (before && after) {
    const changed: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(after.details)) {
      if (JSON.stringify(value) !== JSON.stringify(before.details[name])) changed[name] = displayValue(name, value);
    }
    for (const name of Object.keys(before.details)) if (!(name in after.details)) changed[name] = null;
    if (Object.keys(changed).length > 0) return changed;
  }
  return requestParams(ctx, endpoint);
}

/** A created object's fields as a fan-out row's description. */
function describeObject(snap: TargetSnapshot | undefined): Record<string, unknown> | null {
  if (!snap) return null;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(snap.details)) {
    if (Array.isArray(value) && value.length === 0) continue;
    out[name] = displayValue(name, value);
  }
  return out;
}

/** The request's parameters, secrets and account_id left out. */
function requestParams(ctx: Ctx, endpoint: EndpointDeclaration): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ctx.params.keys()) {
    if (name === 'account_id' || isSecretField(name) || endpoint.path.includes(`{${name}}`)) continue;
    const json = ctx.params.json(name);
    if (json !== undefined) out[name] = shorten(json);
    else {
      const values = ctx.params.getAll(name).map(shorten);
      out[name] = values.length === 1 ? values[0] : values;
    }
  }
  return out;
}

/** Long texts (a logo's base64) are summarized: a log row says what was set, not the bytes. */
function shorten(value: unknown): unknown {
  return typeof value === 'string' && value.length > MAX_TEXT ? `[${value.length} characters]` : value;
}

const MAX_TEXT = 1000;

/** Drops secret fields a handler's note may still carry, at any depth. */
function safeDescription(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    if (isSecretField(name)) continue;
    out[name] = v !== null && typeof v === 'object' && !Array.isArray(v) ? safeDescription(v as Record<string, unknown>) : v;
  }
  return out;
}

/** Duo shows statuses capitalized in descriptions (`{"status": "Disabled"}`). */
function displayValue(name: string, value: unknown): unknown {
  if (name === 'status' && typeof value === 'string') return value.replace(/(^|\s)\S/g, (c) => c.toUpperCase());
  return value;
}

function userCodeIds(account: Account, userId: string): Set<string> {
  return new Set(Object.values(account.bypass_codes).filter((c) => c.user_id === userId).map((c) => c.bypass_code_id));
}

function newCodeIds(account: Account, userId: string, before: Set<string>): string[] {
  return [...userCodeIds(account, userId)].filter((id) => !before.has(id));
}

function succeeded(result: DuoResult): boolean {
  if (result.kind === 'fail') return false;
  if (result.kind === 'raw') return result.response.ok;
  if (result.kind === 'ok_json') return true;
  return (result.status ?? 200) < 400;
}
