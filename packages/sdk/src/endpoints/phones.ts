import { defineEndpoint } from './define-endpoint.js';
import { emptyAnswer, phoneShape, phoneSummaryShape } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#phones';
const page = offsetPaging(100, 500);
const phoneId = t.string({ minLength: 1 });
const userId = t.string({ minLength: 1 });

/** Fields a phone is created or modified with (request casing: lower-case). */
const phoneFields = {
  number: t.string({ description: 'E.164 recommended; without + Duo assumes US +1' }),
  name: t.string(),
  extension: t.string(),
  type: t.enum(['unknown', 'mobile', 'landline']),
  platform: t.string({ description: 'e.g. google android, apple ios, generic smartphone' }),
  predelay: t.integer({ minimum: 0, description: 'Seconds before DTMF on calls' }),
  postdelay: t.integer({ minimum: 0, description: 'Seconds after DTMF on calls' }),
} as const;

// Duo fills the link into a message at its placeholder; a message without one would send no link.
const withPlaceholder = (placeholder: string): { type: 'string'; pattern: string; description: string } =>
  t.string({ pattern: `|[\\s\\S]*${placeholder}[\\s\\S]*`, description: `Must contain ${placeholder}` });
const activationFields = {
  valid_secs: t.integer({ minimum: 1, description: 'Link lifetime (default 86400)' }),
  install: { ...t.boolean({ description: 'Also send or return the installation link' }), encoding: 'digit' },
} as const;

/** `GET /admin/v1/phones`. */
export const phonesList = defineEndpoint({
  id: 'phones.list',
  summary: 'List phones (number/extension find one)',
  method: 'GET',
  path: '/admin/v1/phones',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { number: t.string(), extension: t.string(), limit: page.limit, offset: page.offset },
  response: t.array(phoneShape),
  docs: `${DOCS}-retrieve-phones`,
});

/** `GET /admin/v1/phones/{phone_id}`. */
export const phonesGet = defineEndpoint({
  id: 'phones.get',
  summary: 'Get one phone by id',
  method: 'GET',
  path: '/admin/v1/phones/{phone_id}',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { phone_id: phoneId },
  response: phoneShape,
  docs: `${DOCS}-retrieve-phone-by-id`,
});

/** `POST /admin/v1/phones`: never resent. */
export const phonesCreate = defineEndpoint({
  id: 'phones.create',
  summary: 'Create a phone',
  method: 'POST',
  path: '/admin/v1/phones',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: phoneFields,
  response: phoneShape,
  docs: `${DOCS}-create-phone`,
});

/** `POST /admin/v1/phones/{phone_id}`. */
export const phonesUpdate = defineEndpoint({
  id: 'phones.update',
  summary: 'Modify a phone',
  method: 'POST',
  path: '/admin/v1/phones/{phone_id}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { phone_id: phoneId, ...phoneFields },
  response: phoneShape,
  docs: `${DOCS}-modify-phone`,
});

/** `DELETE /admin/v1/phones/{phone_id}`: succeeds when already gone. */
export const phonesDelete = defineEndpoint({
  id: 'phones.delete',
  summary: 'Delete a phone',
  method: 'DELETE',
  path: '/admin/v1/phones/{phone_id}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { phone_id: phoneId },
  response: emptyAnswer,
  docs: `${DOCS}-delete-phone`,
});

/** `POST .../activation_url`: a new link invalidates older ones, so it is not resent. */
export const phonesActivationUrl = defineEndpoint({
  id: 'phones.activation_url',
  summary: 'Create a Duo Mobile activation URL',
  method: 'POST',
  path: '/admin/v1/phones/{phone_id}/activation_url',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: { phone_id: phoneId, ...activationFields },
  response: t.object(
    { activation_url: t.string(), activation_barcode: t.string(), installation_url: t.string(), valid_secs: t.integer() },
    { required: ['activation_url', 'activation_barcode', 'valid_secs'] },
  ),
  docs: `${DOCS}-create-activation-url`,
});

/** `POST .../send_sms_activation`: texts the links; never resent. */
export const phonesSendSmsActivation = defineEndpoint({
  id: 'phones.send_sms_activation',
  summary: 'Text a Duo Mobile activation link',
  method: 'POST',
  path: '/admin/v1/phones/{phone_id}/send_sms_activation',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: {
    phone_id: phoneId,
    ...activationFields,
    installation_msg: withPlaceholder('<insturl>'),
    activation_msg: withPlaceholder('<acturl>'),
  },
  response: t.object({ activation_barcode: t.string(), activation_msg: t.string(), installation_msg: t.string(), valid_secs: t.integer() }, { required: ['activation_msg'] }),
  docs: `${DOCS}-send-activation-sms`,
});

/** `POST .../send_sms_installation`: never resent. */
export const phonesSendSmsInstallation = defineEndpoint({
  id: 'phones.send_sms_installation',
  summary: 'Text a Duo Mobile installation link',
  method: 'POST',
  path: '/admin/v1/phones/{phone_id}/send_sms_installation',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: { phone_id: phoneId, installation_msg: withPlaceholder('<insturl>') },
  response: t.object({ installation_msg: t.string() }, { required: ['installation_msg'] }),
  docs: `${DOCS}-send-installation-sms`,
});

/** `POST .../send_sms_passcodes`: never resent. */
export const phonesSendSmsPasscodes = defineEndpoint({
  id: 'phones.send_sms_passcodes',
  summary: 'Text a new batch of SMS passcodes',
  method: 'POST',
  path: '/admin/v1/phones/{phone_id}/send_sms_passcodes',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: { phone_id: phoneId },
  response: emptyAnswer,
  docs: `${DOCS}-send-passcodes-sms`,
});

/** `GET /admin/v1/users/{user_id}/phones`. */
export const usersPhonesList = defineEndpoint({
  id: 'users.phones.list',
  summary: "List a user's phones",
  method: 'GET',
  path: '/admin/v1/users/{user_id}/phones',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_page',
  idempotent: true,
  paging: page.paging,
  params: { user_id: userId, limit: page.limit, offset: page.offset },
  response: t.array(phoneSummaryShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-phones-by-user-id',
});

/** `POST /admin/v1/users/{user_id}/phones`: associating twice changes nothing. */
export const usersPhonesAssociate = defineEndpoint({
  id: 'users.phones.associate',
  summary: 'Associate a phone with a user',
  method: 'POST',
  path: '/admin/v1/users/{user_id}/phones',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { user_id: userId, phone_id: required(t.string({ minLength: 1 })) },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#associate-phone-with-user',
});

/** `DELETE /admin/v1/users/{user_id}/phones/{phone_id}`: the phone itself stays. */
export const usersPhonesDisassociate = defineEndpoint({
  id: 'users.phones.disassociate',
  summary: 'Disassociate a phone from a user',
  method: 'DELETE',
  path: '/admin/v1/users/{user_id}/phones/{phone_id}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { user_id: userId, phone_id: phoneId },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#disassociate-phone-from-user',
});

/** Every phones endpoint, a user's phones included. */
export const phoneEndpoints = [
  phonesList,
  phonesGet,
  phonesCreate,
  phonesUpdate,
  phonesDelete,
  phonesActivationUrl,
  phonesSendSmsActivation,
  phonesSendSmsInstallation,
  phonesSendSmsPasscodes,
  usersPhonesList,
  usersPhonesAssociate,
  usersPhonesDisassociate,
] as const;
