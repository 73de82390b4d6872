import { storedToken } from '../../api-client.ts';
import { parseVaultErrors, type VaultError } from './vault-errors.ts';

/** One answer of the Vault-compatible API: its body, or the error read back into the hub's shape. */
export type VaultResult<T> = { ok: true; status: number; body: T } | { ok: false; error: VaultError };

/**
 * Calls `/v1/...` with the stored token. The shared `api()` reads only the hub's `{ error }` shape;
 * Vault's routes answer `{ errors: [...] }` with the code in a header, so they get their own reader.
 */
export async function vaultApi<T>(method: string, path: string, body?: unknown): Promise<VaultResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = storedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    return { ok: false, error: { status: 0, code: 'network_error', message: 'The hub could not be reached.', details: [], notes: [] } };
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (res.ok) return { ok: true, status: res.status, body: parsed as T };
  return { ok: false, error: parseVaultErrors(res.status, parsed, res.headers.get('x-duohub-error-code')) };
}
