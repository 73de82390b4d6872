import { defineEndpoint } from './define-endpoint.js';
import { bypassCodeShape, emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#bypass-codes';
const page = offsetPaging(100, 500);
const codeId = t.string({ minLength: 1 });

/** `GET /admin/v1/bypass_codes`: metadata only. */
export const bypassCodesList = defineEndpoint({
  id: 'bypass_codes.list',
  summary: "List bypass codes' metadata",
  method: 'GET',
  path: '/admin/v1/bypass_codes',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { limit: page.limit, offset: page.offset },
  response: t.array(bypassCodeShape),
  docs: `${DOCS}-retrieve-bypass-codes`,
});

/** `GET /admin/v1/bypass_codes/{bypass_code_id}`. */
export const bypassCodesGet = defineEndpoint({
  id: 'bypass_codes.get',
  summary: "Get one bypass code's metadata",
  method: 'GET',
  path: '/admin/v1/bypass_codes/{bypass_code_id}',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { bypass_code_id: codeId },
  response: bypassCodeShape,
  docs: `${DOCS}-retrieve-bypass-code-by-id`,
});

/** `DELETE /admin/v1/bypass_codes/{bypass_code_id}`: succeeds when already gone. */
export const bypassCodesDelete = defineEndpoint({
  id: 'bypass_codes.delete',
  summary: 'Delete a bypass code',
  method: 'DELETE',
  path: '/admin/v1/bypass_codes/{bypass_code_id}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { bypass_code_id: codeId },
  response: emptyAnswer,
  docs: `${DOCS}-delete-bypass-code`,
});

/** `GET /admin/v1/users/{user_id}/bypass_codes`. */
export const usersBypassCodesList = defineEndpoint({
  id: 'users.bypass_codes.list',
  summary: "List a user's bypass codes' metadata",
  method: 'GET',
  path: '/admin/v1/users/{user_id}/bypass_codes',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { user_id: t.string({ minLength: 1 }), limit: page.limit, offset: page.offset },
  response: t.array(bypassCodeShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-bypass-codes-by-user-id',
});

/**
 * `POST /admin/v1/users/{user_id}/bypass_codes`: answers the codes, the only time Duo shows them;
 * replaces the user's codes unless `preserve_existing`. Never resent.
 */
export const usersBypassCodesCreate = defineEndpoint({
  id: 'users.bypass_codes.create',
  summary: 'Create bypass codes for a user',
  method: 'POST',
  path: '/admin/v1/users/{user_id}/bypass_codes',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: {
    user_id: t.string({ minLength: 1 }),
    count: t.integer({ minimum: 1, maximum: 10, description: 'Random codes to make (default 10); not with codes' }),
    codes: t.string({ description: 'Comma-separated custom codes; not with count' }),
    reuse_count: t.integer({ minimum: 0, description: 'Uses per code; 0 = unlimited (default 1)' }),
    valid_secs: t.integer({ minimum: 0, description: 'Lifetime; 0 = never expires (default)' }),
    preserve_existing: t.boolean({ description: "Keep the user's existing codes" }),
  },
  response: t.array(t.string()),
  docs: 'https://duo.com/docs/adminapi#create-bypass-codes-for-user',
});

/** Every bypass-code endpoint. */
export const bypassCodeEndpoints = [bypassCodesList, bypassCodesGet, bypassCodesDelete, usersBypassCodesList, usersBypassCodesCreate] as const;
