import { desktopTokenActivationShape, desktopTokenShape } from './authenticator-objects.js';
import { endpointFamily } from './endpoint-family.js';
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
/** Reads need "Grant read resource", writes "Grant write resource". */
const desktopToken = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource', page });
const tokenId = t.string({ minLength: 1 });
const platform = t.string({ minLength: 1, description: 'e.g. windows, mac os x' });

/** `GET /admin/v1/desktoptokens` (deprecated). */
export const desktopTokensList = desktopToken.list({
  id: 'desktop_tokens.list',
  summary: 'List desktop tokens (deprecated)',
  path: '/admin/v1/desktoptokens',
  response: t.array(desktopTokenShape),
  deprecated: true,
  docs: DOCS,
});

/** `GET /admin/v1/desktoptokens/{desktoptoken_id}` (deprecated). */
export const desktopTokensGet = desktopToken.get({
  id: 'desktop_tokens.get',
  summary: 'Get one desktop token (deprecated)',
  path: '/admin/v1/desktoptokens/{desktoptoken_id}',
  params: { desktoptoken_id: tokenId },
  response: desktopTokenShape,
  deprecated: true,
  docs: DOCS,
});

/** `POST /admin/v1/desktoptokens` (deprecated): never resent. */
export const desktopTokensCreate = desktopToken.write({
  id: 'desktop_tokens.create',
  summary: 'Create a desktop token (deprecated)',
  path: '/admin/v1/desktoptokens',
  idempotent: false,
  params: { platform: required(platform), name: t.string() },
  response: desktopTokenShape,
  deprecated: true,
  docs: DOCS,
});

/** `POST /admin/v1/desktoptokens/{desktoptoken_id}` (deprecated). */
export const desktopTokensUpdate = desktopToken.write({
  id: 'desktop_tokens.update',
  summary: 'Modify a desktop token (deprecated)',
  path: '/admin/v1/desktoptokens/{desktoptoken_id}',
  idempotent: true,
  params: { desktoptoken_id: tokenId, platform, name: t.string() },
  response: desktopTokenShape,
  deprecated: true,
  docs: DOCS,
});

/** `DELETE /admin/v1/desktoptokens/{desktoptoken_id}` (deprecated): succeeds when already gone. */
export const desktopTokensDelete = desktopToken.remove({
  id: 'desktop_tokens.delete',
  summary: 'Delete a desktop token (deprecated)',
  path: '/admin/v1/desktoptokens/{desktoptoken_id}',
  params: { desktoptoken_id: tokenId },
  response: emptyAnswer,
  deprecated: true,
  docs: DOCS,
});

/** `POST /admin/v1/desktoptokens/{desktoptoken_id}/activate` (deprecated): a new link each time. */
export const desktopTokensActivate = desktopToken.write({
  id: 'desktop_tokens.activate',
  summary: 'Create a desktop token activation link (deprecated)',
  path: '/admin/v1/desktoptokens/{desktoptoken_id}/activate',
  idempotent: false,
  params: { desktoptoken_id: tokenId, valid_secs: t.integer({ minimum: 1, description: 'Link lifetime (default 86400)' }) },
  response: desktopTokenActivationShape,
  deprecated: true,
  docs: DOCS,
});

/** `GET /admin/v1/users/{user_id}/desktoptokens` (deprecated). */
export const usersDesktopTokensList = desktopToken.list({
  id: 'users.desktop_tokens.list',
  summary: "List a user's desktop tokens (deprecated)",
  path: '/admin/v1/users/{user_id}/desktoptokens',
  params: { user_id: t.string({ minLength: 1 }) },
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
