import { endpointFamily } from './endpoint-family.js';
import { bypassCodeShape, emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#bypass-codes';
const page = offsetPaging(100, 500);
/** Reads need "Grant read resource", writes "Grant write resource". */
const bypassCode = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource', page });
const codeId = t.string({ minLength: 1 });

/** `GET /admin/v1/bypass_codes`: metadata only. */
export const bypassCodesList = bypassCode.list({
  id: 'bypass_codes.list',
  summary: "List bypass codes' metadata",
  path: '/admin/v1/bypass_codes',
  response: t.array(bypassCodeShape),
  docs: `${DOCS}-retrieve-bypass-codes`,
});

/** `GET /admin/v1/bypass_codes/{bypass_code_id}`. */
export const bypassCodesGet = bypassCode.get({
  id: 'bypass_codes.get',
  summary: "Get one bypass code's metadata",
  path: '/admin/v1/bypass_codes/{bypass_code_id}',
  params: { bypass_code_id: codeId },
  response: bypassCodeShape,
  docs: `${DOCS}-retrieve-bypass-code-by-id`,
});

/** `DELETE /admin/v1/bypass_codes/{bypass_code_id}`: succeeds when already gone. */
export const bypassCodesDelete = bypassCode.remove({
  id: 'bypass_codes.delete',
  summary: 'Delete a bypass code',
  path: '/admin/v1/bypass_codes/{bypass_code_id}',
  params: { bypass_code_id: codeId },
  response: emptyAnswer,
  docs: `${DOCS}-delete-bypass-code`,
});

/** `GET /admin/v1/users/{user_id}/bypass_codes`. */
export const usersBypassCodesList = bypassCode.list({
  id: 'users.bypass_codes.list',
  summary: "List a user's bypass codes' metadata",
  path: '/admin/v1/users/{user_id}/bypass_codes',
  params: { user_id: t.string({ minLength: 1 }) },
  response: t.array(bypassCodeShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-bypass-codes-by-user-id',
});

/**
 * `POST /admin/v1/users/{user_id}/bypass_codes`: answers the codes, the only time Duo shows them;
 * replaces the user's codes unless `preserve_existing`. Never resent.
 */
export const usersBypassCodesCreate = bypassCode.write({
  id: 'users.bypass_codes.create',
  summary: 'Create bypass codes for a user',
  path: '/admin/v1/users/{user_id}/bypass_codes',
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
