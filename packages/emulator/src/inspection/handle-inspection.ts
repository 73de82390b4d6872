import type { Emulator, RuntimeConfig } from '../emulator.js';
import type { EmulatorState, User } from '../state/types.js';
import { SCRIPTABLE_LOGS, type ScriptableLog } from '../logs/add-log-entry.js';

/** The path prefix of the inspection surface; Duo has nothing under it, so it cannot be mistaken for Duo. */
export const INSPECTION_PREFIX = '/__emulator/';

type Target = Pick<
  Emulator,
  'state' | 'stats' | 'exportState' | 'importState' | 'reset' | 'credentials' | 'configure' | 'addLogEntry'
>;

/**
 * Answers `/__emulator/*` with plain JSON (no Duo envelope, no signature): stats, executions,
 * state export/import, reset, credentials, user patches, runtime configuration, and log rows
 * (`POST /__emulator/trust-monitor`, `POST /__emulator/logs/{log}`: a JSON row, `account_id` picking
 * the account, default the parent; answers the stored row).
 */
export async function handleInspection(target: Target, request: Request, url: URL): Promise<Response> {
  const path = url.pathname.slice(INSPECTION_PREFIX.length);
  const method = request.method.toUpperCase();
  try {
    if (path === 'stats' && method === 'GET') return json(200, target.stats());
    if (path === 'executions' && method === 'GET') return json(200, target.stats().executionLog);
    if (path === 'credentials' && method === 'GET') return json(200, target.credentials());
    if (path === 'state' && method === 'GET') return json(200, target.exportState());
    if (path === 'state' && method === 'PUT') {
      const body = await readJson(request);
      if (!isState(body)) return json(400, { error: 'body must be an exported state with parent_account_id and accounts' });
      target.importState(body);
      return json(200, { ok: true });
    }
    if (path === 'reset' && method === 'POST') {
      target.reset();
      return json(200, { ok: true });
    }
    if (path === 'config' && method === 'POST') {
      const body = await readJson(request);
      if (!isObject(body)) return json(400, { error: 'body must be a JSON object' });
      target.configure(body as RuntimeConfig);
      return json(200, { ok: true });
    }
    const logPath = path === 'trust-monitor' ? 'trust_monitor' : /^logs\/([a-z_]+)$/.exec(path)?.[1];
    if (logPath !== undefined && method === 'POST') {
      if (!(SCRIPTABLE_LOGS as readonly string[]).includes(logPath)) return json(404, { error: `no log ${logPath}; one of ${SCRIPTABLE_LOGS.join(', ')}` });
      const body = await readJson(request);
      if (!isObject(body)) return json(400, { error: 'body must be a JSON object (the row; account_id picks the account)' });
      return json(200, target.addLogEntry(logPath as ScriptableLog, body));
    }
    const userPath = /^accounts\/([^/]+)\/users\/([^/]+)$/.exec(path);
    if (userPath && method === 'PATCH') {
      const account = target.state.accounts[decodeURIComponent(userPath[1]!)];
      const user = account?.users[decodeURIComponent(userPath[2]!)];
      if (!user) return json(404, { error: 'no such account or user' });
      const body = await readJson(request);
      if (!isObject(body)) return json(400, { error: 'body must be a JSON object of user fields' });
      const { user_id: _ignored, ...fields } = body;
      Object.assign(user, fields as Partial<User>);
      return json(200, user);
    }
    return json(404, { error: `no inspection endpoint ${method} ${url.pathname}` });
  } catch (error) {
    // Bad JSON or an invalid config: say what is wrong, never a stack trace.
    return json(400, { error: error instanceof Error ? error.message : 'invalid request' });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('body is not valid JSON');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isState(value: unknown): value is EmulatorState {
  if (!isObject(value) || typeof value['parent_account_id'] !== 'string' || !isObject(value['accounts'])) return false;
  return isObject(value['accounts'][value['parent_account_id']]);
}
