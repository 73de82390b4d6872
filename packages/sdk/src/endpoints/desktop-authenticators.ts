import { desktopAuthenticatorShape, sharedDeviceAuthShape } from './authenticator-objects.js';
import { endpointFamily } from './endpoint-family.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#desktop-authenticators';
const SHARED_DOCS = 'https://duo.com/docs/adminapi#shared-device-authentication';
// Page sizes are not documented for these lists; Duo's other v1 device lists page 100/500.
const page = offsetPaging(100, 500);
/** Reads need "Grant read resource", writes "Grant write resource". */
const desktopAuthenticator = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource', page });
const dakey = t.string({ minLength: 1, description: 'Duo key of the desktop authenticator' });
const sharedDeviceKey = t.string({ minLength: 1, description: 'Key of the shared device authentication configuration' });
const idList = (what: string) => t.array(t.string({ minLength: 1 }), { minItems: 1, description: what });
const SHARED_PATH = '/admin/v1/desktop_authenticators/shared_device_auth';

/** `GET /admin/v1/desktop_authenticators`. */
export const desktopAuthenticatorsList = desktopAuthenticator.list({
  id: 'desktop_authenticators.list',
  summary: 'List Duo Desktop authenticators',
  path: '/admin/v1/desktop_authenticators',
  response: t.array(desktopAuthenticatorShape),
  docs: `${DOCS}-retrieve-desktop-authenticators`,
});

/** `GET /admin/v1/desktop_authenticators/{dakey}`. */
export const desktopAuthenticatorsGet = desktopAuthenticator.get({
  id: 'desktop_authenticators.get',
  summary: 'Get one Duo Desktop authenticator',
  path: '/admin/v1/desktop_authenticators/{dakey}',
  params: { dakey },
  response: desktopAuthenticatorShape,
  docs: `${DOCS}-retrieve-desktop-authenticator-by-key`,
});

/** `DELETE /admin/v1/desktop_authenticators/{dakey}`: succeeds when already gone. */
export const desktopAuthenticatorsDelete = desktopAuthenticator.remove({
  id: 'desktop_authenticators.delete',
  summary: 'Delete a Duo Desktop authenticator',
  path: '/admin/v1/desktop_authenticators/{dakey}',
  params: { dakey },
  response: emptyAnswer,
  docs: `${DOCS}-delete-desktop-authenticator`,
});

/** `GET /admin/v1/users/{user_id}/desktopauthenticators`. */
export const usersDesktopAuthenticatorsList = desktopAuthenticator.list({
  id: 'users.desktop_authenticators.list',
  summary: "List a user's Duo Desktop authenticators",
  path: '/admin/v1/users/{user_id}/desktopauthenticators',
  params: { user_id: t.string({ minLength: 1 }) },
  response: t.array(desktopAuthenticatorShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-desktop-authenticators-by-user-id',
});

/** `GET /admin/v1/desktop_authenticators/shared_device_auth`. */
export const sharedDeviceAuthList = desktopAuthenticator.list({
  id: 'shared_device_auth.list',
  summary: 'List shared device authentication configurations',
  path: SHARED_PATH,
  response: t.array(sharedDeviceAuthShape),
  docs: `${SHARED_DOCS}-retrieve-shared-device-authentication-configurations`,
});

/** `GET /admin/v1/desktop_authenticators/shared_device_auth/{shared_device_key}`. */
export const sharedDeviceAuthGet = desktopAuthenticator.get({
  id: 'shared_device_auth.get',
  summary: 'Get one shared device authentication configuration',
  path: `${SHARED_PATH}/{shared_device_key}`,
  params: { shared_device_key: sharedDeviceKey },
  response: sharedDeviceAuthShape,
  docs: `${SHARED_DOCS}-retrieve-shared-device-authentication-configuration`,
});

/** `POST /admin/v1/desktop_authenticators/shared_device_auth`: JSON body (v5); never resent. */
export const sharedDeviceAuthCreate = desktopAuthenticator.write({
  id: 'shared_device_auth.create',
  summary: 'Create a shared device authentication configuration',
  path: SHARED_PATH,
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
export const sharedDeviceAuthUpdate = desktopAuthenticator.write({
  id: 'shared_device_auth.update',
  summary: 'Modify a shared device authentication configuration',
  method: 'PUT',
  path: `${SHARED_PATH}/{shared_device_key}`,
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
export const sharedDeviceAuthDelete = desktopAuthenticator.remove({
  id: 'shared_device_auth.delete',
  summary: 'Delete a shared device authentication configuration',
  path: `${SHARED_PATH}/{shared_device_key}`,
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
