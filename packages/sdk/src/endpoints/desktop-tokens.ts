import { desktopTokenActivationShape, desktopTokenShape } from './authenticator-objects.js';
import { defineEndpoint } from './define-endpoint.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

/**
 * Desktop tokens: Duo replaced them with Duo Desktop authenticators and no longer documents them,
 * but Duo's Python client (Debian's 4.5.0 included) still wraps every call below, so they are
 * declared, served and marked deprecated.
 */

const DOCS = 'https://duo.com/docs/adminapi';
const page = offsetPaging(100, 500);
const tokenId = t.string({ minLength: 1 });
const platform = t.string({ minLength: 1, description: 'e.g. windows, mac os x' });

/** `GET /admin/v1/desktoptokens` (deprecated). */
export const desktopTokensList = defineEndpoint({
  id: 'desktop_tokens.list',
  summary: 'List desktop tokens (deprecated)',
  method: 'GET',
  path: '/admin/v1/desktoptokens',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { limit: page.limit, offset: page.offset },
  response: t.array(desktopTokenShape),
  deprecated: true,
  docs: DOCS,
});

/** `GET /admin/v1/desktoptokens/{desktoptoken_id}` (deprecated). */
export const desktopTokensGet = defineEndpoint({
  id: 'desktop_tokens.get',
  summary: 'Get one desktop token (deprecated)',
  method: 'GET',
  path: '/admin/v1/desktoptokens/{desktoptoken_id}',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { desktoptoken_id: tokenId },
  response: desktopTokenShape,
  deprecated: true,
  docs: DOCS,
});

/** `POST /admin/v1/desktoptokens` (deprecated): never resent. */
export const desktopTokensCreate = defineEndpoint({
  id: 'desktop_tokens.create',
  summary: 'Create a desktop token (deprecated)',
  method: 'POST',
  path: '/admin/v1/desktoptokens',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: { platform: required(platform), name: t.string() },
  response: desktopTokenShape,
  deprecated: true,
  docs: DOCS,
});

/** `POST /admin/v1/desktoptokens/{desktoptoken_id}` (deprecated). */
export const desktopTokensUpdate = defineEndpoint({
  id: 'desktop_tokens.update',
  summary: 'Modify a desktop token (deprecated)',
  method: 'POST',
  path: '/admin/v1/desktoptokens/{desktoptoken_id}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { desktoptoken_id: tokenId, platform, name: t.string() },
  response: desktopTokenShape,
  deprecated: true,
  docs: DOCS,
});

/** `DELETE /admin/v1/desktoptokens/{desktoptoken_id}` (deprecated): succeeds when already gone. */
export const desktopTokensDelete = defineEndpoint({
  id: 'desktop_tokens.delete',
  summary: 'Delete a desktop token (deprecated)',
  method: 'DELETE',
  path: '/admin/v1/desktoptokens/{desktoptoken_id}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { desktoptoken_id: tokenId },
  response: emptyAnswer,
  deprecated: true,
  docs: DOCS,
});

/** `POST /admin/v1/desktoptokens/{desktoptoken_id}/activate` (deprecated): a new link each time. */
export const desktopTokensActivate = defineEndpoint({
  id: 'desktop_tokens.activate',
  summary: 'Create a desktop token activation link (deprecated)',
  method: 'POST',
  path: '/admin/v1/desktoptokens/{desktoptoken_id}/activate',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: { desktoptoken_id: tokenId, valid_secs: t.integer({ minimum: 1, description: 'Link lifetime (default 86400)' }) },
  response: desktopTokenActivationShape,
  deprecated: true,
  docs: DOCS,
});

/** `GET /admin/v1/users/{user_id}/desktoptokens` (deprecated). */
export const usersDesktopTokensList = defineEndpoint({
  id: 'users.desktop_tokens.list',
  summary: "List a user's desktop tokens (deprecated)",
  method: 'GET',
  path: '/admin/v1/users/{user_id}/desktoptokens',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { user_id: t.string({ minLength: 1 }), limit: page.limit, offset: page.offset },
  response: t.array(desktopTokenShape),
  deprecated: true,
  docs: DOCS,
});

/** Every desktop token endpoint (all deprecated). */
export const desktopTokenEndpoints = [
  desktopTokensList,
  desktopTokensGet,
  desktopTokensCreate,
  desktopTokensUpdate,
  desktopTokensDelete,
  desktopTokensActivate,
  usersDesktopTokensList,
] as const;
