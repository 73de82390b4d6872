// `.js`, not `.ts`: unit tests typecheck this file under NodeNext, which refuses `.ts` specifiers.
import { KINDS, type Integration, type Kind } from './integration-types.js';

/** What the user typed for one credential set; `remove` asks to drop a stored set. */
export interface SetForm {
  api_host: string;
  integration_key: string;
  secret_key: string;
  remove: boolean;
}

/** The integration form, shared by add and edit. */
export interface IntegrationFormState {
  name: string;
  base_url: string;
  sets: Record<Kind, SetForm>;
}

const blankSet = (): SetForm => ({ api_host: '', integration_key: '', secret_key: '', remove: false });

/** An empty form for adding an integration. */
export function emptyIntegrationForm(): IntegrationFormState {
  return { name: '', base_url: '', sets: { admin: blankSet(), accounts: blankSet(), auth: blankSet() } };
}

/**
 * The edit form for a stored integration: names and hosts prefilled, every secret blank, since the
 * hub never returns one (a blank secret keeps the stored one).
 */
export function formFromIntegration(it: Integration): IntegrationFormState {
  const set = (k: Kind): SetForm => {
    const s = it[k];
    return s ? { api_host: s.api_host, integration_key: s.integration_key, secret_key: '', remove: false } : blankSet();
  };
  return { name: it.name, base_url: it.base_url ?? '', sets: { admin: set('admin'), accounts: set('accounts'), auth: set('auth') } };
}

const touched = (s: SetForm) => Boolean(s.api_host.trim() || s.integration_key.trim() || s.secret_key);

/** Body of `POST /api/integrations`: sets the user left blank are not sent. */
export function createIntegrationBody(form: IntegrationFormState): Record<string, unknown> {
  const body: Record<string, unknown> = { name: form.name.trim() };
  if (form.base_url.trim()) body.base_url = form.base_url.trim();
  for (const k of KINDS) {
    const s = form.sets[k];
    if (touched(s)) body[k] = { api_host: s.api_host.trim(), integration_key: s.integration_key.trim(), secret_key: s.secret_key };
  }
  return body;
}

/**
 * Body of `PATCH /api/integrations/{id}`: only what differs from the stored integration, so the hub
 * re-checks only the sets that changed (a changed base URL re-checks them all). A typed secret rotates
 * the stored one; a blank one keeps it. A set the integration lacks is sent with whatever was typed,
 * and the hub names the fields still missing.
 */
export function integrationPatchBody(stored: Integration, form: IntegrationFormState): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const name = form.name.trim();
  if (name !== stored.name) body.name = name;
  const baseUrl = form.base_url.trim();
  if (baseUrl !== (stored.base_url ?? '')) body.base_url = baseUrl || null;
  for (const k of KINDS) {
    const s = form.sets[k];
    const current = stored[k];
    if (current && s.remove) {
      body[k] = null;
      continue;
    }
    const diff: Record<string, string> = {};
    const host = s.api_host.trim();
    const ikey = s.integration_key.trim();
    if (current) {
      if (host.toLowerCase() !== current.api_host.toLowerCase()) diff.api_host = host;
      if (ikey !== current.integration_key) diff.integration_key = ikey;
      if (s.secret_key) diff.secret_key = s.secret_key;
    } else if (touched(s)) {
      if (host) diff.api_host = host;
      if (ikey) diff.integration_key = ikey;
      if (s.secret_key) diff.secret_key = s.secret_key;
    }
    if (Object.keys(diff).length > 0) body[k] = diff;
  }
  return body;
}

/** Whether a patch body asks the hub to run credential checks (a set or the connect address changed). */
export function patchRunsChecks(body: Record<string, unknown>): boolean {
  return 'base_url' in body || KINDS.some((k) => body[k] !== undefined && body[k] !== null);
}
