import type { Caller, RequestOptions } from '../client/duo-client.js';
import { DuoConfigError } from '../errors/error-classes.js';
import type { Paginated } from '../pagination/paginated.js';
import { optionalBoolean, optionalInteger, optionalString, pickParams, requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import { pathSegment } from '../resources/path-segment.js';
import type { DuoActivationUrl, DuoPhone, DuoPhoneParams } from './types.js';

/** Phones page at most 500 per request. */
export const PHONES_MAX_PAGE = 500;

const PHONE_FIELDS = {
  number: 'string',
  name: 'string',
  extension: 'string',
  type: 'string',
  platform: 'string',
  predelay: 'string|number',
  postdelay: 'string|number',
} as const;

/** Options of the activation calls. */
export interface ActivationOptions {
  /** Lifetime of the activation link in seconds (Duo's default 86400). */
  valid_secs?: number;
  /** Also send or return the app installation link. */
  install?: boolean;
}

/** Admin API phones, including activation, SMS sends and user associations. */
export class PhonesResource {
  constructor(private readonly caller: Caller) {}

  /** Lists phones lazily, 500 per page by default; `number`/`extension` look one up. */
  list(options: ListOptions & { number?: string; extension?: string } = {}): Paginated<DuoPhone> {
    const { number, extension, ...listOptions } = options;
    optionalString(number, 'number');
    optionalString(extension, 'extension');
    return offsetList<DuoPhone>(this.caller, '/admin/v1/phones', { number, extension }, listOptions, PHONES_MAX_PAGE);
  }

  /** One phone by id. */
  async get(phoneId: string, options?: RequestOptions): Promise<DuoPhone> {
    const path = `/admin/v1/phones/${pathSegment(phoneId, 'phoneId')}`;
    return (await this.caller.call<DuoPhone>({ ...options, method: 'GET', path, idempotent: true, endpointClass: 'admin_get_one' })).response;
  }

  /** Creates a phone. Not idempotent. */
  async create(params: DuoPhoneParams, options?: RequestOptions): Promise<DuoPhone> {
    const body = pickParams(requireObject(params, 'params'), PHONE_FIELDS);
    return (await this.caller.call<DuoPhone>({ ...options, method: 'POST', path: '/admin/v1/phones', params: body, idempotent: false, endpointClass: 'admin_modify' }))
      .response;
  }

  /** Modifies a phone (idempotent: same fields, same state). */
  async update(phoneId: string, params: DuoPhoneParams, options?: RequestOptions): Promise<DuoPhone> {
    const path = `/admin/v1/phones/${pathSegment(phoneId, 'phoneId')}`;
    const body = pickParams(requireObject(params, 'params'), PHONE_FIELDS);
    return (await this.caller.call<DuoPhone>({ ...options, method: 'POST', path, params: body, idempotent: true, endpointClass: 'admin_modify' })).response;
  }

  /** Deletes a phone; succeeds when already gone. */
  async delete(phoneId: string, options?: RequestOptions): Promise<void> {
    const path = `/admin/v1/phones/${pathSegment(phoneId, 'phoneId')}`;
    await this.caller.call({ ...options, method: 'DELETE', path, idempotent: true, endpointClass: 'admin_modify' });
  }

  /** Creates a new activation link (invalidating older ones), so it is not retried when ambiguous. */
  async createActivationUrl(phoneId: string, params: ActivationOptions = {}, options?: RequestOptions): Promise<DuoActivationUrl> {
    const path = `/admin/v1/phones/${pathSegment(phoneId, 'phoneId')}/activation_url`;
    return (
      await this.caller.call<DuoActivationUrl>({
        ...options,
        method: 'POST',
        path,
        params: activationParams(params),
        idempotent: false,
        endpointClass: 'admin_modify',
      })
    ).response;
  }

  /** Texts an activation link (and optionally an install link). Never resent. */
  async sendSmsActivation(
    phoneId: string,
    params: ActivationOptions & { installation_msg?: string; activation_msg?: string } = {},
    options?: RequestOptions,
  ): Promise<Record<string, unknown>> {
    const path = `/admin/v1/phones/${pathSegment(phoneId, 'phoneId')}/send_sms_activation`;
    const body: Record<string, string | number> = {
      ...activationParams(params),
      ...smsMessage(params.activation_msg, 'activation_msg', '<acturl>'),
      ...smsMessage(params.installation_msg, 'installation_msg', '<insturl>'),
    };
    return (
      await this.caller.call<Record<string, unknown>>({ ...options, method: 'POST', path, params: body, idempotent: false, endpointClass: 'admin_modify' })
    ).response;
  }

  /** Texts an app installation link. Never resent. */
  async sendSmsInstallation(phoneId: string, params: { installation_msg?: string } = {}, options?: RequestOptions): Promise<Record<string, unknown>> {
    const path = `/admin/v1/phones/${pathSegment(phoneId, 'phoneId')}/send_sms_installation`;
    const body = smsMessage(params.installation_msg, 'installation_msg', '<insturl>');
    return (
      await this.caller.call<Record<string, unknown>>({ ...options, method: 'POST', path, params: body, idempotent: false, endpointClass: 'admin_modify' })
    ).response;
  }

  /** Texts a new batch of passcodes. Never resent. */
  async sendSmsPasscodes(phoneId: string, options?: RequestOptions): Promise<unknown> {
    const path = `/admin/v1/phones/${pathSegment(phoneId, 'phoneId')}/send_sms_passcodes`;
    return (await this.caller.call({ ...options, method: 'POST', path, params: {}, idempotent: false, endpointClass: 'admin_modify' })).response;
  }

  /** A user's phones, 500 per page by default. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoPhone> {
    const path = `/admin/v1/users/${pathSegment(userId, 'userId')}/phones`;
    return offsetList<DuoPhone>(this.caller, path, {}, options, PHONES_MAX_PAGE);
  }

  /** Associates a phone with a user (idempotent). */
  async associate(userId: string, phoneId: string, options?: RequestOptions): Promise<void> {
    const path = `/admin/v1/users/${pathSegment(userId, 'userId')}/phones`;
    requireString(phoneId, 'phoneId');
    await this.caller.call({ ...options, method: 'POST', path, params: { phone_id: phoneId }, idempotent: true, endpointClass: 'admin_modify' });
  }

  /** Removes a phone from a user without deleting it; succeeds when not associated. */
  async disassociate(userId: string, phoneId: string, options?: RequestOptions): Promise<void> {
    const path = `/admin/v1/users/${pathSegment(userId, 'userId')}/phones/${pathSegment(phoneId, 'phoneId')}`;
    await this.caller.call({ ...options, method: 'DELETE', path, idempotent: true, endpointClass: 'admin_modify' });
  }
}

function activationParams(params: ActivationOptions): Record<string, string | number> {
  requireObject(params, 'params');
  const out: Record<string, string | number> = {};
  const validSecs = optionalInteger(params.valid_secs, 'valid_secs', 1);
  if (validSecs !== undefined) out['valid_secs'] = validSecs;
  // Duo documents install as "1"/"0".
  const install = optionalBoolean(params.install, 'install');
  if (install !== undefined) out['install'] = install ? '1' : '0';
  return out;
}

// Duo fills the link into the message at its placeholder; a message without one would send no link.
function smsMessage(value: unknown, field: string, placeholder: string): Record<string, string> {
  const message = optionalString(value, field);
  if (message === undefined) return {};
  if (!message.includes(placeholder)) throw new DuoConfigError(field, `${field} must contain ${placeholder}`);
  return { [field]: message };
}
