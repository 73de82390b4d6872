import { usersWebauthnCredentialsList, webauthnCredentialsDelete, webauthnCredentialsGet, webauthnCredentialsList } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { reject } from '../../params/read-param.js';
import { defineRoute, type Route } from '../../route.js';
import { serializeWebAuthnCredential } from '../../serialize/serialize-webauthn-credential.js';
import { findWebAuthnCredential } from '../../state/find-webauthn-credential.js';
import type { Account } from '../../state/types.js';
import { userOr404 } from './user-fields.js';

/** Admin API WebAuthn credentials: list, get, delete, and a user's credentials. */
export const webauthnCredentialRoutes: Route[] = [
  defineRoute({
    endpoint: webauthnCredentialsList,
    handle(ctx) {
      const page = paginate(allCredentials(ctx.account), ctx.params, pageDefaults(webauthnCredentialsList, ctx.options.overMaxLimit));
      return ok(page.response, page.metadata);
    },
  }),
  defineRoute({
    endpoint: webauthnCredentialsGet,
    handle(ctx) {
      const found = findWebAuthnCredential(ctx.account, ctx.path['webauthnkey'] ?? '');
      if (!found) reject(failures.notFound('webauthnkey'));
      return ok(serializeWebAuthnCredential(found.user, found.credential));
    },
  }),
  defineRoute({
    endpoint: webauthnCredentialsDelete,
    handle(ctx) {
      // Duo's deletes succeed for keys that are already gone.
      const found = findWebAuthnCredential(ctx.account, ctx.path['webauthnkey'] ?? '');
      if (found) found.user.webauthn = found.user.webauthn.filter((w) => w !== found.credential);
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersWebauthnCredentialsList,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const all = user.webauthn.map((w) => serializeWebAuthnCredential(user, w));
      const page = paginate(all, ctx.params, pageDefaults(usersWebauthnCredentialsList, ctx.options.overMaxLimit));
      return ok(page.response, page.metadata);
    },
  }),
];

function allCredentials(account: Account): Record<string, unknown>[] {
  return Object.values(account.users).flatMap((user) => user.webauthn.map((w) => serializeWebAuthnCredential(user, w)));
}
