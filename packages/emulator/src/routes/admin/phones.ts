import { phonesActivationUrl, phonesCreate, phonesDelete, phonesGet, phonesList, phonesSendSmsActivation, phonesSendSmsInstallation, phonesSendSmsPasscodes, phonesUpdate, usersPhonesAssociate, usersPhonesDisassociate, usersPhonesList } from '@duohub/sdk';
import { fail, failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { optionalBool, optionalEnum, optionalInt, reject, requireString } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Params, type Route } from '../../route.js';
import { isSmartphone, normalizePlatform } from '../../serialize/display-casing.js';
import { serializePhone } from '../../serialize/serialize-phone.js';
import { newId, newNumericCode } from '../../state/ids.js';
import type { Account, Phone } from '../../state/types.js';
import { DEFAULT_ACTIVATION_MSG, DEFAULT_INSTALLATION_MSG, fillSmsTemplate } from './fill-sms-template.js';
import { userOr404 } from './user-fields.js';
import { recordTelephony } from '../../logs/record-telephony.js';

const OBJECT_LIMIT = 100;

/** Admin API phones: list, get, create, modify, delete, activation, SMS sends, and a user's phones. */
export const phoneRoutes: Route[] = [
  defineRoute({
    endpoint: phonesList,
    handle(ctx) {
      let phones = Object.values(ctx.account.phones);
      const number = ctx.params.get('number');
      const extension = ctx.params.get('extension');
      if (number !== undefined) phones = phones.filter((p) => p.number === normalizeNumber(number));
      if (extension !== undefined) phones = phones.filter((p) => p.extension === extension);
      const page = paginate(phones, ctx.params, pageDefaults(phonesList, ctx.options.overMaxLimit));
      return ok(page.response.map((p) => serializePhone(ctx.account, p)), page.metadata);
    },
  }),
  defineRoute({
    endpoint: phonesGet,
    handle: (ctx) => ok(serializePhone(ctx.account, phoneOr404(ctx.account, ctx.path['phone_id']))),
  }),
  defineRoute({
    endpoint: phonesCreate,
    nonIdempotent: 'phones.create',
    handle(ctx) {
      let phoneId = newId('DP', ctx.random);
      while (ctx.account.phones[phoneId]) phoneId = newId('DP', ctx.random);
      const phone: Phone = {
        phone_id: phoneId,
        number: '',
        extension: '',
        name: '',
        type: 'unknown',
        platform: 'unknown',
        model: 'Unknown',
        activated: false,
        capabilities: [],
        sms_passcodes_sent: false,
        predelay: null,
        postdelay: null,
        last_seen: '',
        user_ids: [],
      };
      applyPhoneFields(phone, ctx.params);
      ctx.account.phones[phone.phone_id] = phone;
      return ok(serializePhone(ctx.account, phone));
    },
  }),
  defineRoute({
    endpoint: phonesUpdate,
    handle(ctx) {
      const phone = phoneOr404(ctx.account, ctx.path['phone_id']);
      applyPhoneFields(phone, ctx.params);
      return ok(serializePhone(ctx.account, phone));
    },
  }),
  defineRoute({
    endpoint: phonesDelete,
    handle(ctx) {
      const id = ctx.path['phone_id'] ?? '';
      if (ctx.account.phones[id]) {
        delete ctx.account.phones[id];
        for (const user of Object.values(ctx.account.users)) user.phone_ids = user.phone_ids.filter((p) => p !== id);
      }
      return ok('');
    },
  }),
  defineRoute({
    endpoint: phonesActivationUrl,
    handle(ctx) {
      const phone = phoneOr404(ctx.account, ctx.path['phone_id']);
      const validSecs = optionalInt(ctx.params, 'valid_secs', { min: 1 }) ?? 86400;
      const install = optionalBool(ctx.params, 'install') ?? false;
      const links = activationLinks(ctx, phone);
      return ok({
        activation_barcode: links.barcode,
        activation_url: links.activation,
        ...(install ? { installation_url: links.installation } : {}),
        valid_secs: validSecs,
      });
    },
  }),
  defineRoute({
    endpoint: phonesSendSmsActivation,
    nonIdempotent: 'phones.send_sms_activation',
    handle(ctx) {
      const known = phoneOr404(ctx.account, ctx.path['phone_id']);
      // Duo documents that this fails for a phone whose type or platform is Unknown.
      if (ctx.options.unknownPhoneActivation !== 'allow' && hasUnknownKind(known)) {
        reject(fail(400, 40002, 'Invalid request parameters', "phone_id: the phone's type or platform is Unknown"));
      }
      const phone = smsCapableOr400(ctx.account, ctx.path['phone_id']);
      const validSecs = optionalInt(ctx.params, 'valid_secs', { min: 1 }) ?? 86400;
      const install = optionalBool(ctx.params, 'install') ?? false;
      const installationMsg = message(ctx.params, 'installation_msg', '<insturl>', DEFAULT_INSTALLATION_MSG);
      const activationMsg = message(ctx.params, 'activation_msg', '<acturl>', DEFAULT_ACTIVATION_MSG);
      const links = activationLinks(ctx, phone);
      // Each text Duo sends is billed and logged: the installation text too when asked for.
      if (install) recordTelephony(ctx, { type: 'sms', phone: phone.number, context: 'activation' });
      recordTelephony(ctx, { type: 'sms', phone: phone.number, context: 'activation' });
      return ok({
        activation_barcode: links.barcode,
        activation_msg: fillSmsTemplate(activationMsg, '<acturl>', links.activation),
        installation_msg: fillSmsTemplate(installationMsg, '<insturl>', links.installation),
        valid_secs: validSecs,
      });
    },
  }),
  defineRoute({
    endpoint: phonesSendSmsInstallation,
    nonIdempotent: 'phones.send_sms_installation',
    handle(ctx) {
      const phone = smsCapableOr400(ctx.account, ctx.path['phone_id']);
      const installationMsg = message(ctx.params, 'installation_msg', '<insturl>', DEFAULT_INSTALLATION_MSG);
      recordTelephony(ctx, { type: 'sms', phone: phone.number, context: 'activation' });
      return ok({ installation_msg: fillSmsTemplate(installationMsg, '<insturl>', activationLinks(ctx, phone).installation) });
    },
  }),
  defineRoute({
    endpoint: phonesSendSmsPasscodes,
    nonIdempotent: 'phones.send_sms_passcodes',
    handle(ctx) {
      const phone = smsCapableOr400(ctx.account, ctx.path['phone_id']);
      phone.sms_passcodes_sent = true;
      recordTelephony(ctx, { type: 'sms', phone: phone.number, context: 'authentication' });
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersPhonesList,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const phones = user.phone_ids.map((id) => ctx.account.phones[id]).filter((p) => p !== undefined);
      const page = paginate(phones, ctx.params, pageDefaults(usersPhonesList, ctx.options.overMaxLimit));
      return ok(page.response.map((p) => serializePhone(ctx.account, p, { withUsers: false })), page.metadata);
    },
  }),
  defineRoute({
    endpoint: usersPhonesAssociate,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const phoneId = requireString(ctx.params, 'phone_id');
      const phone = ctx.account.phones[phoneId];
      if (!phone) reject(failures.invalidParam('phone_id'));
      if (user.phone_ids.includes(phoneId)) return ok('');
      if (user.phone_ids.length >= OBJECT_LIMIT) reject(failures.objectLimit('A user may have at most 100 phones.'));
      if (phone.user_ids.length >= OBJECT_LIMIT) reject(failures.objectLimit('A phone may have at most 100 users.'));
      user.phone_ids.push(phoneId);
      phone.user_ids.push(user.user_id);
      return ok('');
    },
  }),
  defineRoute({
    endpoint: usersPhonesDisassociate,
    handle(ctx) {
      const user = userOr404(ctx.account, ctx.path['user_id']);
      const phoneId = ctx.path['phone_id'] ?? '';
      user.phone_ids = user.phone_ids.filter((id) => id !== phoneId);
      const phone = ctx.account.phones[phoneId];
      if (phone) phone.user_ids = phone.user_ids.filter((id) => id !== user.user_id);
      return ok('');
    },
  }),
];

/** A phone by id, or 404/40401. */
export function phoneOr404(account: Account, phoneId: string | undefined): Phone {
  const phone = phoneId === undefined ? undefined : account.phones[phoneId];
  if (!phone) reject(failures.notFound('phone_id'));
  return phone;
}

/** Duo assumes US numbers when the `+` country prefix is missing. */
export function normalizeNumber(number: string): string {
  const trimmed = number.trim().replace(/[\s().-]/g, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('+') ? trimmed : `+1${trimmed}`;
}

function applyPhoneFields(phone: Phone, params: Params): void {
  const number = params.get('number');
  if (number !== undefined) {
    const normalized = normalizeNumber(number);
    if (normalized !== '' && !/^\+\d{4,15}$/.test(normalized)) reject(failures.invalidParam('number'));
    phone.number = normalized;
  }
  const name = params.get('name');
  if (name !== undefined) phone.name = name;
  const extension = params.get('extension');
  if (extension !== undefined) phone.extension = extension;
  const type = optionalEnum(params, 'type', ['unknown', 'mobile', 'landline'] as const);
  const platformText = params.get('platform');
  let platform: string | undefined;
  if (platformText !== undefined) {
    platform = normalizePlatform(platformText);
    if (platform === undefined) reject(failures.invalidParam('platform'));
  }
  for (const field of ['predelay', 'postdelay'] as const) {
    const value = optionalInt(params, field, { min: 0 });
    if (value !== undefined) phone[field] = String(value);
  }
  if (type !== undefined) phone.type = type;
  if (platform !== undefined) phone.platform = platform;
  if (type !== undefined || platform !== undefined || number !== undefined) phone.capabilities = capabilitiesOf(phone);
}

/** What a phone can do: calls for any number, SMS for mobiles, push and passcodes once Duo Mobile is activated. */
export function capabilitiesOf(phone: Phone): Phone['capabilities'] {
  if (phone.number === '' && !phone.activated) return [];
  if (phone.type === 'landline') return ['auto', 'phone'];
  if (phone.type === 'mobile' && phone.activated && isSmartphone(phone.platform)) {
    return ['auto', 'push', 'phone', 'sms', 'mobile_otp'];
  }
  return phone.type === 'mobile' ? ['auto', 'phone', 'sms'] : ['auto', 'phone'];
}

function smsCapableOr400(account: Account, phoneId: string | undefined): Phone {
  const phone = phoneOr404(account, phoneId);
  if (phone.number === '' || phone.type === 'landline') {
    reject(fail(400, 40002, 'Invalid request parameters', 'phone_id: the phone cannot receive SMS'));
  }
  return phone;
}

function hasUnknownKind(phone: Phone): boolean {
  return phone.type === 'unknown' || phone.platform === '' || phone.platform.toLowerCase() === 'unknown';
}

function message(params: Params, name: string, placeholder: string, fallback: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') return fallback;
  if (!value.includes(placeholder)) reject(failures.invalidParam(name));
  return value;
}

function activationLinks(ctx: HandlerContext, phone: Phone) {
  const code = newNumericCode(20, ctx.random);
  const host = ctx.account.api_hostname;
  return {
    activation: `https://m-${host.replace(/^api-/, '')}/iphone/${code}`,
    barcode: `https://${host}/frame/qr?value=duo%3A%2F%2F${code}-${phone.phone_id}`,
    installation: `https://m-${host.replace(/^api-/, '')}/install/${code}`,
  };
}
