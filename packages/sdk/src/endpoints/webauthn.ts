import { webauthnCredentialShape } from './authenticator-objects.js';
import { endpointFamily } from './endpoint-family.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#webauthn-credentials';
// Duo documents 100 per page by default and at most 500 for WebAuthn credential lists (API.md 2.2).
const page = offsetPaging(100, 500);
/** Reads need "Grant read resource", writes "Grant write resource". */
const webauthn = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource', page });
const webauthnkey = t.string({ minLength: 1, description: 'Duo key of the credential' });

/** `GET /admin/v1/webauthncredentials`. */
export const webauthnCredentialsList = webauthn.list({
  id: 'webauthn_credentials.list',
  summary: 'List WebAuthn credentials',
  path: '/admin/v1/webauthncredentials',
  response: t.array(webauthnCredentialShape),
  docs: `${DOCS}-retrieve-webauthn-credentials`,
});

/** `GET /admin/v1/webauthncredentials/{webauthnkey}`. */
export const webauthnCredentialsGet = webauthn.get({
  id: 'webauthn_credentials.get',
  summary: 'Get one WebAuthn credential',
  path: '/admin/v1/webauthncredentials/{webauthnkey}',
  params: { webauthnkey },
  response: webauthnCredentialShape,
  docs: `${DOCS}-retrieve-webauthn-credential-by-key`,
});

/** `DELETE /admin/v1/webauthncredentials/{webauthnkey}`: succeeds when already gone. */
export const webauthnCredentialsDelete = webauthn.remove({
  id: 'webauthn_credentials.delete',
  summary: 'Delete a WebAuthn credential',
  path: '/admin/v1/webauthncredentials/{webauthnkey}',
  params: { webauthnkey },
  response: emptyAnswer,
  docs: `${DOCS}-delete-webauthn-credential`,
});

/** `GET /admin/v1/users/{user_id}/webauthncredentials`. */
export const usersWebauthnCredentialsList = webauthn.list({
  id: 'users.webauthn_credentials.list',
  summary: "List a user's WebAuthn credentials",
  path: '/admin/v1/users/{user_id}/webauthncredentials',
  params: { user_id: t.string({ minLength: 1 }) },
  response: t.array(webauthnCredentialShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-webauthn-credentials-by-user-id',
});

/** Every WebAuthn credential endpoint. */
export const webauthnEndpoints = [webauthnCredentialsList, webauthnCredentialsGet, webauthnCredentialsDelete, usersWebauthnCredentialsList] as const;
