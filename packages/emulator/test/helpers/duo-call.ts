import type { Emulator, IntegrationCredentials } from '../../src/index.js';
import { signed, type SignOptions } from './sign.js';

/** A decoded answer: HTTP status, parsed JSON body (or text), headers. */
export interface DuoAnswer {
  status: number;
  body: any;
  headers: Headers;
}

type ParamValue = string | number | boolean | string[];

/** Signs and sends one request through `emulator.fetch` (or `fetchImpl`) and decodes the answer. */
export async function duoCall(
  target: Pick<Emulator, 'fetch'> | typeof fetch,
  creds: { integration_key: string; secret_key: string; api_hostname: string },
  method: string,
  path: string,
  params: Record<string, ParamValue> = {},
  opts: SignOptions = {},
): Promise<DuoAnswer> {
  const request = signed(creds, method, path, params, opts);
  const res = typeof target === 'function' ? await target(request) : await target.fetch(request);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Non-JSON answers (plain-text 404s, PNG) stay text.
  }
  return { status: res.status, body, headers: res.headers };
}

/** The parent's integration of `type` from `emulator.credentials()`. */
export function parentKey(emulator: Emulator, type: 'admin' | 'auth' | 'accounts'): IntegrationCredentials {
  const parent = emulator.credentials().accounts.find((a) => a.parent_id === null)!;
  const found = parent.integrations.find((i) => i.type === type);
  if (!found) throw new Error(`parent has no ${type} integration`);
  return found;
}

/** Calls bound to one emulator and key, for terse contract tests. */
export function bind(emulator: Emulator, creds: { integration_key: string; secret_key: string; api_hostname: string }) {
  return (method: string, path: string, params: Record<string, ParamValue> = {}, opts: SignOptions = {}) =>
    duoCall(emulator, creds, method, path, params, opts);
}
