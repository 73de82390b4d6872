import { fetchJson, NETWORK_ERROR } from '../../api-client.ts';
import { parseVaultErrors, type VaultError } from './vault-errors.ts';

/** One answer of the Vault-compatible API: its body, or the error read back into the hub's shape. */
export type VaultResult<T> = { ok: true; status: number; body: T } | { ok: false; error: VaultError };

/**
 * Calls `/v1/...` with the stored token. The shared `api()` reads only the hub's `{ error }` shape;
 * Vault's routes answer `{ errors: [...] }` with the code in a header, so they get their own reader.
 */
export async function vaultApi<T>(method: string, path: string, body?: unknown): Promise<VaultResult<T>> {
  const answer = await fetchJson(method, path, body);
  if (!answer) return { ok: false, error: { ...NETWORK_ERROR, details: [], notes: [] } };
  if (answer.ok) return { ok: true, status: answer.status, body: answer.body as T };
  return { ok: false, error: parseVaultErrors(answer.status, answer.body, answer.headers.get('x-duohub-error-code')) };
}
