// `.js`, not `.ts`: unit tests typecheck this file under NodeNext, which refuses `.ts` specifiers.
import type { IntegrationFormState } from './integration-body.js';
import { KINDS, type Integration, type Kind } from './integration-types.js';

/**
 * The one host a form starts with when its sets share it: '' for a new integration, the stored host
 * when every stored set has the same one (Duo gives an account one API hostname), or null when the
 * stored sets differ and the form starts split, one host per set.
 */
export function initialSharedHost(stored?: Integration): string | null {
  if (!stored) return '';
  const hosts = KINDS.map((k) => stored[k]?.api_host).filter((h): h is string => typeof h === 'string');
  if (hosts.length === 0) return '';
  return hosts.every((h) => h.toLowerCase() === hosts[0]!.toLowerCase()) ? hosts[0]! : null;
}

/** Whether a set takes part in the save: stored (and not being removed), or with a key typed. */
function inUse(form: IntegrationFormState, k: Kind, stored?: Integration): boolean {
  const s = form.sets[k];
  if (s.remove) return false;
  return Boolean(stored?.[k]) || Boolean(s.integration_key.trim() || s.secret_key);
}

/**
 * The form with the shared host written into every set in use; sets left blank stay blank (so a
 * new integration with only Admin API keys does not send empty Accounts and Auth sets).
 */
export function applySharedHost(form: IntegrationFormState, host: string, stored?: Integration): IntegrationFormState {
  const sets = { ...form.sets };
  for (const k of KINDS) sets[k] = { ...sets[k], api_host: inUse(form, k, stored) ? host : sets[k].remove ? sets[k].api_host : '' };
  return { ...form, sets };
}

/** The host to keep when the sets are split again or joined: the shared one, or the first typed. */
export function firstHost(form: IntegrationFormState): string {
  return KINDS.map((k) => form.sets[k].api_host.trim()).find(Boolean) ?? '';
}
