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

/** Calls the hub API with the stored bearer token; network failures become `network_error`. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = storedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    return { ok: false, error: { status: 0, code: 'network_error', message: 'The hub could not be reached.' } };
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (res.ok) return { ok: true, status: res.status, body: parsed as T };
  const err = (parsed as { error?: Partial<ApiError> } | undefined)?.error;
  return {
    ok: false,
    error: { status: res.status, code: err?.code ?? 'http_error', message: err?.message ?? `HTTP ${res.status}`, details: err?.details },
  };
}
