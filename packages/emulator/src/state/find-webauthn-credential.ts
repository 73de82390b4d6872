import type { Account, User, WebAuthnCredential } from './types.js';

/** The credential with this key and the user holding it; credentials live on their users. */
export function findWebAuthnCredential(account: Account, webauthnkey: string): { user: User; credential: WebAuthnCredential } | undefined {
  for (const user of Object.values(account.users)) {
    const credential = user.webauthn.find((w) => w.webauthnkey === webauthnkey);
    if (credential) return { user, credential };
  }
  return undefined;
}
