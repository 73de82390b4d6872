import { webauthnCredentialShape } from './authenticator-objects.js';
import { defineEndpoint } from './define-endpoint.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#webauthn-credentials';
// Duo documents 100 per page by default and at most 500 for WebAuthn credential lists (API.md 2.2).
const page = offsetPaging(100, 500);
const webauthnkey = t.string({ minLength: 1, description: 'Duo key of the credential' });

/** `GET /admin/v1/webauthncredentials`. */
export const webauthnCredentialsList = defineEndpoint({
  id: 'webauthn_credentials.list',
  summary: 'List WebAuthn credentials',
  method: 'GET',
  path: '/admin/v1/webauthncredentials',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { limit: page.limit, offset: page.offset },
  response: t.array(webauthnCredentialShape),
  docs: `${DOCS}-retrieve-webauthn-credentials`,
});

/** `GET /admin/v1/webauthncredentials/{webauthnkey}`. */
export const webauthnCredentialsGet = defineEndpoint({
  id: 'webauthn_credentials.get',
  summary: 'Get one WebAuthn credential',
  method: 'GET',
  path: '/admin/v1/webauthncredentials/{webauthnkey}',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { webauthnkey },
  response: webauthnCredentialShape,
  docs: `${DOCS}-retrieve-webauthn-credential-by-key`,
});

/** `DELETE /admin/v1/webauthncredentials/{webauthnkey}`: succeeds when already gone. */
export const webauthnCredentialsDelete = defineEndpoint({
  id: 'webauthn_credentials.delete',
  summary: 'Delete a WebAuthn credential',
  method: 'DELETE',
  path: '/admin/v1/webauthncredentials/{webauthnkey}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { webauthnkey },
  response: emptyAnswer,
  docs: `${DOCS}-delete-webauthn-credential`,
});

/** `GET /admin/v1/users/{user_id}/webauthncredentials`. */
export const usersWebauthnCredentialsList = defineEndpoint({
  id: 'users.webauthn_credentials.list',
  summary: "List a user's WebAuthn credentials",
  method: 'GET',
  path: '/admin/v1/users/{user_id}/webauthncredentials',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { user_id: t.string({ minLength: 1 }), limit: page.limit, offset: page.offset },
  response: t.array(webauthnCredentialShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-webauthn-credentials-by-user-id',
});

/** Every WebAuthn credential endpoint. */
export const webauthnEndpoints = [webauthnCredentialsList, webauthnCredentialsGet, webauthnCredentialsDelete, usersWebauthnCredentialsList] as const;
