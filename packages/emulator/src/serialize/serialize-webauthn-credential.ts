import type { User, WebAuthnCredential } from '../state/types.js';
import { serializeAuthenticatorUser } from './serialize-authenticator-user.js';

/** A WebAuthn credential as the Admin API lists it: its fields and its owner (users own every modelled credential). */
export function serializeWebAuthnCredential(user: User, credential: WebAuthnCredential): Record<string, unknown> {
  return {
    admin: null,
    credential_name: credential.credential_name,
    date_added: credential.date_added,
    label: credential.label,
    user: serializeAuthenticatorUser(user),
    webauthnkey: credential.webauthnkey,
  };
}
