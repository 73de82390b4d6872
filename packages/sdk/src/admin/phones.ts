import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import {
  phonesActivationUrl,
  phonesCreate,
  phonesDelete,
  phonesGet,
  phonesList,
  phonesSendSmsActivation,
  phonesSendSmsInstallation,
  phonesSendSmsPasscodes,
  phonesUpdate,
  usersPhonesAssociate,
  usersPhonesDisassociate,
  usersPhonesList,
} from '../endpoints/phones.js';
import { prepareEndpointCall } from '../endpoints/prepare-endpoint-call.js';
import type { Paginated } from '../pagination/paginated.js';
import { DuoConfigError } from '../errors/error-classes.js';
import { requireObject, requireString } from '../resources/check.js';
import { isDuoId } from '../resources/is-duo-id.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import { resolveReference } from '../resources/resolve-reference.js';
import type { DuoActivationUrl, DuoPhone, DuoPhoneParams } from './types.js';

/** What names a phone: its id (`DP` + 18) or its number as one string, or one of those fields alone. */
export type PhoneReference = string | { phone_id: string } | { number: string };

/** Phones page at most 500 per request (the declaration's maximum). */
export const PHONES_MAX_PAGE = phonesList.paging.maxLimit;

/** Options of the activation calls. */
export interface ActivationOptions {
  /** Lifetime of the activation link in seconds (Duo's default 86400). */
  valid_secs?: number;
  /** Also send or return the app installation link (sent as Duo's "1"/"0"). */
  install?: boolean;
}

/** Admin API phones, including activation, SMS sends and user associations: wrappers over `endpoints/phones.ts`. */
export class PhonesResource {
  constructor(private readonly caller: Caller) {}

  /** Lists phones lazily, 500 per page by default; `number`/`extension` look one up. */
  list(options: ListOptions & { number?: string; extension?: string } = {}): Paginated<DuoPhone> {
    const { number, extension, ...listOptions } = options;
    prepareEndpointCall(phonesList, { number, extension });
    return offsetList<DuoPhone>(this.caller, phonesList, { number, extension }, listOptions);
  }

  /**
   * The one phone a reference names: an id-shaped string is read by id, anything else is looked
   * up with Duo's `number` filter (spaces, dashes, dots and brackets dropped, as people write
   * numbers). DuoReferenceError names the field (default `phone`, or the object's key) when none
   * or several match.
   */
  async resolve(reference: PhoneReference, options: RequestOptions & { field?: string } = {}): Promise<DuoPhone> {
    const { field, ...request } = options;
    const [by, value] = phoneReferenceParts(reference);
    return resolveReference<DuoPhone>(
      {
        kind: 'phone',
        field: field ?? (by === 'any' ? 'phone' : by),
        idOf: (p) => p.phone_id,
        describe: (p) => ({ phone_id: p.phone_id, number: p.number, ...(p.name ? { name: p.name } : {}) }),
        ...(by === 'number' ? {} : { byId: { matches: (r: string) => by === 'phone_id' || isDuoId(r, 'DP'), get: (id: string) => this.get(id, request) } }),
        finders: by === 'phone_id' ? [] : [(r) => this.list({ number: r.replace(/[\s().-]/g, ''), limit: 100, ...(request.signal ? { signal: request.signal } : {}) })],
      },
      value,
    );
  }

  /** One phone by id. */
  async get(phoneId: string, options?: RequestOptions): Promise<DuoPhone> {
    return (await callEndpoint(this.caller, phonesGet, { phone_id: id(phoneId, 'phoneId') }, options)).response as never;
  }

  /** Creates a phone. Not idempotent. */
  async create(params: DuoPhoneParams, options?: RequestOptions): Promise<DuoPhone> {
    return (await callEndpoint(this.caller, phonesCreate, requireObject(params, 'params') as never, options)).response as never;
  }

  /** Modifies a phone (idempotent: same fields, same state). */
  async update(phoneId: string, params: DuoPhoneParams, options?: RequestOptions): Promise<DuoPhone> {
    const fields = { ...requireObject(params, 'params'), phone_id: id(phoneId, 'phoneId') };
    return (await callEndpoint(this.caller, phonesUpdate, fields as never, options)).response as never;
  }

  /** Deletes a phone; succeeds when already gone. */
  async delete(phoneId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, phonesDelete, { phone_id: id(phoneId, 'phoneId') }, options);
  }

  /** Creates a new activation link (invalidating older ones), so it is not retried when ambiguous. */
  async createActivationUrl(phoneId: string, params: ActivationOptions = {}, options?: RequestOptions): Promise<DuoActivationUrl> {
    const fields = { ...requireObject(params, 'params'), phone_id: id(phoneId, 'phoneId') };
    return (await callEndpoint(this.caller, phonesActivationUrl, fields, options)).response as never;
  }

  /** Texts an activation link (and optionally an install link). Never resent. */
  async sendSmsActivation(
    phoneId: string,
    params: ActivationOptions & { installation_msg?: string; activation_msg?: string } = {},
    options?: RequestOptions,
  ): Promise<Record<string, unknown>> {
    const fields = { ...requireObject(params, 'params'), phone_id: id(phoneId, 'phoneId') };
    return (await callEndpoint(this.caller, phonesSendSmsActivation, fields, options)).response as never;
  }

  /** Texts an app installation link. Never resent. */
  async sendSmsInstallation(phoneId: string, params: { installation_msg?: string } = {}, options?: RequestOptions): Promise<Record<string, unknown>> {
    const fields = { ...requireObject(params, 'params'), phone_id: id(phoneId, 'phoneId') };
    return (await callEndpoint(this.caller, phonesSendSmsInstallation, fields, options)).response as never;
  }

  /** Texts a new batch of passcodes. Never resent. */
  async sendSmsPasscodes(phoneId: string, options?: RequestOptions): Promise<unknown> {
    return (await callEndpoint(this.caller, phonesSendSmsPasscodes, { phone_id: id(phoneId, 'phoneId') }, options)).response;
  }

  /** A user's phones, 500 per page by default. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoPhone> {
    return offsetList<DuoPhone>(this.caller, usersPhonesList, { user_id: id(userId, 'userId') }, options);
  }

  /** Associates a phone with a user (idempotent). */
  async associate(userId: string, phoneId: string, options?: RequestOptions): Promise<void> {
    const fields = { user_id: id(userId, 'userId'), phone_id: id(phoneId, 'phoneId') };
    await callEndpoint(this.caller, usersPhonesAssociate, fields, options);
  }

  /** Removes a phone from a user without deleting it; succeeds when not associated. */
  async disassociate(userId: string, phoneId: string, options?: RequestOptions): Promise<void> {
    const fields = { user_id: id(userId, 'userId'), phone_id: id(phoneId, 'phoneId') };
    await callEndpoint(this.caller, usersPhonesDisassociate, fields, options);
  }
}

// A string may be an id or a number; an object names the one field to look in.
function phoneReferenceParts(reference: PhoneReference): ['any' | 'phone_id' | 'number', string] {
  if (typeof reference === 'string') return ['any', requireString(reference, 'phone')];
  const entries = Object.entries(requireObject(reference, 'phone'));
  const [entry] = entries;
  if (entries.length !== 1 || !entry || !['phone_id', 'number'].includes(entry[0])) {
    throw new DuoConfigError('phone', 'a phone reference is a string or exactly one of { phone_id }, { number }');
  }
  return [entry[0] as 'phone_id' | 'number', requireString(entry[1], entry[0])];
}

// Positional ids are named after the argument in errors, as callers wrote them.
function id(value: string, field: string): string {
  return requireString(value, field);
}
