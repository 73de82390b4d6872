import { defineEndpoint } from './define-endpoint.js';
import { emptyAnswer } from './objects.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi';
const PATH = '/admin/v1/logo';

/** `GET /admin/v1/logo`: the PNG bytes (`image/png`), or a JSON error when none is set (duo_client_python `get_logo`). */
export const logoGet = defineEndpoint({
  id: 'logo.get',
  summary: "Get the account's logo (PNG)",
  method: 'GET',
  path: PATH,
  api: 'admin',
  grant: 'settings',
  pacing: 'admin_get_one',
  idempotent: true,
  params: {},
  produces: 'image/png',
  response: t.any('PNG bytes'),
  docs: `${DOCS}#retrieve-logo`,
});

/** `POST /admin/v1/logo`: replaces the logo Duo Mobile activations and the Duo Prompt show. */
export const logoUpdate = defineEndpoint({
  id: 'logo.update',
  summary: "Replace the account's logo",
  method: 'POST',
  path: PATH,
  api: 'admin',
  grant: 'settings',
  pacing: 'admin_modify',
  idempotent: true,
  params: {
    logo: required(t.string({ minLength: 1, description: 'The PNG image, base64-encoded' })),
  },
  response: emptyAnswer,
  docs: `${DOCS}#modify-logo`,
});

/** `DELETE /admin/v1/logo`: succeeds when no logo is set. */
export const logoDelete = defineEndpoint({
  id: 'logo.delete',
  summary: "Delete the account's logo",
  method: 'DELETE',
  path: PATH,
  api: 'admin',
  grant: 'settings',
  pacing: 'admin_modify',
  idempotent: true,
  params: {},
  response: emptyAnswer,
  docs: `${DOCS}#delete-logo`,
});

/** The three logo endpoints (Duo's "Settings" family). */
export const logoEndpoints = [logoGet, logoUpdate, logoDelete] as const;
