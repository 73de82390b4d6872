import { desktopAuthenticatorShape, sharedDeviceAuthShape } from './authenticator-objects.js';
import { defineEndpoint } from './define-endpoint.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#desktop-authenticators';
const SHARED_DOCS = 'https://duo.com/docs/adminapi#shared-device-authentication';
// Page sizes are not documented for these lists; Duo's other v1 device lists page 100/500.
const page = offsetPaging(100, 500);
const dakey = t.string({ minLength: 1, description: 'Duo key of the desktop authenticator' });
const sharedDeviceKey = t.string({ minLength: 1, description: 'Key of the shared device authentication configuration' });
const idList = (what: string) => t.array(t.string({ minLength: 1 }), { minItems: 1, description: what });
const SHARED_PATH = '/admin/v1/desktop_authenticators/shared_device_auth';

/** `GET /admin/v1/desktop_authenticators`. */
export const desktopAuthenticatorsList = defineEndpoint({
  id: 'desktop_authenticators.list',
  summary: 'List Duo Desktop authenticators',
  method: 'GET',
  path: '/admin/v1/desktop_authenticators',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { limit: page.limit, offset: page.offset },
  response: t.array(desktopAuthenticatorShape),
  docs: `${DOCS}-retrieve-desktop-authenticators`,
});

/** `GET /admin/v1/desktop_authenticators/{dakey}`. */
export const desktopAuthenticatorsGet = defineEndpoint({
  id: 'desktop_authenticators.get',
  summary: 'Get one Duo Desktop authenticator',
  method: 'GET',
  path: '/admin/v1/desktop_authenticators/{dakey}',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { dakey },
  response: desktopAuthenticatorShape,
  docs: `${DOCS}-retrieve-desktop-authenticator-by-key`,
});

/** `DELETE /admin/v1/desktop_authenticators/{dakey}`: succeeds when already gone. */
export const desktopAuthenticatorsDelete = defineEndpoint({
  id: 'desktop_authenticators.delete',
  summary: 'Delete a Duo Desktop authenticator',
  method: 'DELETE',
  path: '/admin/v1/desktop_authenticators/{dakey}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { dakey },
  response: emptyAnswer,
  docs: `${DOCS}-delete-desktop-authenticator`,
});

/** `GET /admin/v1/users/{user_id}/desktopauthenticators`. */
export const usersDesktopAuthenticatorsList = defineEndpoint({
  id: 'users.desktop_authenticators.list',
  summary: "List a user's Duo Desktop authenticators",
  method: 'GET',
  path: '/admin/v1/users/{user_id}/desktopauthenticators',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { user_id: t.string({ minLength: 1 }), limit: page.limit, offset: page.offset },
  response: t.array(desktopAuthenticatorShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-desktop-authenticators-by-user-id',
});

/** `GET /admin/v1/desktop_authenticators/shared_device_auth`. */
export const sharedDeviceAuthList = defineEndpoint({
  id: 'shared_device_auth.list',
  summary: 'List shared device authentication configurations',
  method: 'GET',
  path: SHARED_PATH,
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { limit: page.limit, offset: page.offset },
  response: t.array(sharedDeviceAuthShape),
  docs: `${SHARED_DOCS}-retrieve-shared-device-authentication-configurations`,
});

/** `GET /admin/v1/desktop_authenticators/shared_device_auth/{shared_device_key}`. */
export const sharedDeviceAuthGet = defineEndpoint({
  id: 'shared_device_auth.get',
  summary: 'Get one shared device authentication configuration',
  method: 'GET',
  path: `${SHARED_PATH}/{shared_device_key}`,
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { shared_device_key: sharedDeviceKey },
  response: sharedDeviceAuthShape,
  docs: `${SHARED_DOCS}-retrieve-shared-device-authentication-configuration`,
});

/** `POST /admin/v1/desktop_authenticators/shared_device_auth`: JSON body (v5); never resent. */
export const sharedDeviceAuthCreate = defineEndpoint({
  id: 'shared_device_auth.create',
  summary: 'Create a shared device authentication configuration',
  method: 'POST',
  path: SHARED_PATH,
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: {
    group_id_list: required(idList('Group ids whose users may authenticate on shared devices')),
    trusted_endpoint_integration_id_list: required(idList('Trusted Endpoints management integration ids')),
    name: t.string({ minLength: 1, maxLength: 255 }),
    active: t.boolean({ description: 'Default true' }),
  },
  response: sharedDeviceAuthShape,
  docs: `${SHARED_DOCS}-create-shared-device-authentication-configuration`,
});

/** `PUT /admin/v1/desktop_authenticators/shared_device_auth/{shared_device_key}`: JSON body (v5); lists replace. */
export const sharedDeviceAuthUpdate = defineEndpoint({
  id: 'shared_device_auth.update',
  summary: 'Modify a shared device authentication configuration',
  method: 'PUT',
  path: `${SHARED_PATH}/{shared_device_key}`,
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: {
    shared_device_key: sharedDeviceKey,
    active: t.boolean(),
    name: t.string({ minLength: 1, maxLength: 255 }),
    group_id_list: idList('Replaces the configuration\'s groups'),
    trusted_endpoint_integration_id_list: idList('Replaces the configuration\'s management integrations'),
  },
  response: sharedDeviceAuthShape,
  docs: `${SHARED_DOCS}-modify-shared-device-authentication-configuration`,
});

/** `DELETE /admin/v1/desktop_authenticators/shared_device_auth/{shared_device_key}`. */
export const sharedDeviceAuthDelete = defineEndpoint({
  id: 'shared_device_auth.delete',
  summary: 'Delete a shared device authentication configuration',
  method: 'DELETE',
  path: `${SHARED_PATH}/{shared_device_key}`,
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { shared_device_key: sharedDeviceKey },
  response: emptyAnswer,
  docs: `${SHARED_DOCS}-delete-shared-device-authentication-configuration`,
});

/** Every desktop authenticator and shared device authentication endpoint. */
export const desktopAuthenticatorEndpoints = [
  desktopAuthenticatorsList,
  desktopAuthenticatorsGet,
  desktopAuthenticatorsDelete,
  usersDesktopAuthenticatorsList,
  sharedDeviceAuthList,
  sharedDeviceAuthGet,
  sharedDeviceAuthCreate,
  sharedDeviceAuthUpdate,
  sharedDeviceAuthDelete,
] as const;
