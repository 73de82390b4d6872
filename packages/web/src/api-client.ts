/** A hub API error as data: the code, message and field details from `{ error: {...} }`. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

/** One API answer: either the parsed body or the error. */
export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; error: ApiError };

const TOKEN_KEY = 'duohub.token';

/** The token kept in sessionStorage for this tab. */
export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Keeps (or with null forgets) the token for this tab. */
export function storeToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

/** An answer read as JSON, before deciding what it means; null when the hub could not be reached. */
export interface RawAnswer {
  ok: boolean;
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or undefined when empty or not JSON. */
  body: unknown;
}

/** The error for a hub that could not be reached at all. */
export const NETWORK_ERROR: ApiError = { status: 0, code: 'network_error', message: 'The hub could not be reached.' };

/** Sends `body` as JSON with the stored bearer token and reads the answer as JSON; null on a network failure. */
export async function fetchJson(method: string, path: string, body?: unknown): Promise<RawAnswer | null> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    return null;
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { ok: res.ok, status: res.status, headers: res.headers, body: parsed };
}

/** Fired on window when the hub refuses the stored token (revoked, or the hub's store was reset). */
export const TOKEN_REFUSED_EVENT = 'duohub:token-refused';

/** Calls the hub API with the stored bearer token; network failures become `network_error`. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const sentWith = storedToken();
  const answer = await fetchJson(method, path, body);
  if (!answer) return { ok: false, error: NETWORK_ERROR };
  // A 401 means the token itself is refused (scopes give 403): every page would fail the same way, so the
  // shell goes back to sign-in once rather than each page showing it.
  if (answer.status === 401 && sentWith !== null && storedToken() === sentWith) window.dispatchEvent(new Event(TOKEN_REFUSED_EVENT));
  if (answer.ok) return { ok: true, status: answer.status, body: answer.body as T };
  const err = (answer.body as { error?: Partial<ApiError> } | undefined)?.error;
  return {
    ok: false,
    error: { status: answer.status, code: err?.code ?? 'http_error', message: err?.message ?? `HTTP ${answer.status}`, details: err?.details },
  };
}

function authHeaders(): Record<string, string> {
  const token = storedToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * Fetches `path` with the token and hands the browser the body as a file named `filename`
 * (a plain link cannot carry the bearer header).
 */
export async function apiDownload(path: string, filename: string): Promise<ApiError | null> {
  let res: Response;
  try {
    res = await fetch(path, { headers: authHeaders() });
  } catch {
    return NETWORK_ERROR;
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: Partial<ApiError> } | undefined;
    return { status: res.status, code: body?.error?.code ?? 'http_error', message: body?.error?.message ?? `HTTP ${res.status}` };
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

/** One server-sent event: its `event:` name (default `message`) and its `data:` parsed as JSON when it is JSON. */
export interface ServerEvent {
  event: string;
  data: unknown;
}

/**
 * Reads a `text/event-stream` with the bearer header (EventSource cannot send one) until the server
 * ends it or `signal` aborts. Resolves with null at the end, or the error that stopped it.
 */
export async function apiEvents(path: string, onEvent: (e: ServerEvent) => void, signal?: AbortSignal): Promise<ApiError | null> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { ...authHeaders(), accept: 'text/event-stream' }, ...(signal ? { signal } : {}) });
  } catch {
    if (signal?.aborted) return null;
    return NETWORK_ERROR;
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => undefined)) as { error?: Partial<ApiError> } | undefined;
    return { status: res.status, code: body?.error?.code ?? 'http_error', message: body?.error?.message ?? `HTTP ${res.status}` };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut: number;
      while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
        const parsed = parseEventBlock(block);
        if (parsed) onEvent(parsed);
      }
    }
  } catch {
    if (!signal?.aborted) return { status: 0, code: 'network_error', message: 'The event stream broke off.' };
  }
  return null;
}

/** Parses one SSE block (lines up to a blank line); comments and empty blocks give null. */
export function parseEventBlock(block: string): ServerEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  const text = data.join('\n');
  try {
    return { event, data: JSON.parse(text) as unknown };
  } catch {
    return { event, data: text };
  }
}

/** A list answer as an array, whether the route wraps it in `{ items }` or not. */
export function listItems<T>(body: { items: T[] } | T[]): T[] {
  return Array.isArray(body) ? body : body.items;
}
