import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import {
  adminsClearInactivity,
  adminsCreate,
  adminsCreateActivation,
  adminsCreateActivationLink,
  adminsDelete,
  adminsDeleteActivation,
  adminsDeleteActivationLink,
  adminsEmailActivationLink,
  adminsGet,
  adminsGetAllowedAuthMethods,
  adminsGetPasswordMgmt,
  adminsList,
  adminsListActivations,
  adminsListPasswordMgmt,
  adminsResetAuthAttempts,
  adminsSyncFromDirectory,
  adminsUpdate,
  adminsUpdateAllowedAuthMethods,
  adminsUpdatePasswordMgmt,
  type adminActivationLinkShape,
  type adminActivationShape,
  type adminAuthMethodsShape,
  type adminPasswordMgmtShape,
  type adminShape,
  type pendingAdminActivationShape,
} from '../endpoints/admins.js';
import type { ParamsOf } from '../endpoints/params-of.js';
import type { ValueOf } from '../endpoints/shape.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';

/** A Duo administrator. */
export type DuoAdmin = ValueOf<typeof adminShape>;
/** An activation link of an administrator pending activation. */
export type DuoAdminActivationLink = ValueOf<typeof adminActivationLinkShape>;
/** A new administrator's activation, as creating it answers. */
export type DuoAdminActivation = ValueOf<typeof adminActivationShape>;
/** A pending administrator activation as the list shows it. */
export type DuoPendingAdminActivation = ValueOf<typeof pendingAdminActivationShape>;
/** An administrator's external password management status. */
export type DuoAdminPasswordMgmt = ValueOf<typeof adminPasswordMgmtShape>;
/** The authentication methods administrators may use. */
export type DuoAdminAuthMethods = ValueOf<typeof adminAuthMethodsShape>;
/** Fields an administrator is created with. */
export type DuoAdminCreateParams = ParamsOf<typeof adminsCreate>;
/** Fields an administrator is modified with. */
export type DuoAdminUpdateParams = Omit<ParamsOf<typeof adminsUpdate>, 'admin_id'>;
/** Fields a new administrator's activation link is created with. */
export type DuoAdminActivationParams = ParamsOf<typeof adminsCreateActivation>;
/** External password management changes; a password needs external management on. */
export type DuoAdminPasswordMgmtParams = Omit<ParamsOf<typeof adminsUpdatePasswordMgmt>, 'admin_id'>;
/** The methods to allow; every method not given as true is disallowed. */
export type DuoAdminAuthMethodsParams = ParamsOf<typeof adminsUpdateAllowedAuthMethods>;

/** Admin API administrators: wrappers over `endpoints/admins.ts`. */
export class AdminsResource {
  constructor(private readonly caller: Caller) {}

  /** Every administrator, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoAdmin> {
    return offsetList<DuoAdmin>(this.caller, adminsList, {}, options);
  }

  /** One administrator by id. */
  async get(adminId: string, options?: RequestOptions): Promise<DuoAdmin> {
    return (await callEndpoint(this.caller, adminsGet, { admin_id: requireString(adminId, 'adminId') }, options)).response;
  }

  /** Creates an administrator (Pending Activation until the link is used); never resent after an ambiguous failure. */
  async create(params: DuoAdminCreateParams, options?: RequestOptions): Promise<DuoAdmin> {
    return (await callEndpoint(this.caller, adminsCreate, requireObject(params, 'params'), options)).response;
  }

  /** Modifies an administrator; only given fields change. */
  async update(adminId: string, changes: DuoAdminUpdateParams, options?: RequestOptions): Promise<DuoAdmin> {
    const fields = { ...requireObject(changes, 'changes'), admin_id: requireString(adminId, 'adminId') };
    return (await callEndpoint(this.caller, adminsUpdate, fields, options)).response;
  }

  /** Deletes an administrator. */
  async delete(adminId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, adminsDelete, { admin_id: requireString(adminId, 'adminId') }, options);
  }

  /** Clears failed sign-in attempts, re-enabling an administrator locked out by them. */
  async resetAuthAttempts(adminId: string, options?: RequestOptions): Promise<DuoAdmin> {
    return (await callEndpoint(this.caller, adminsResetAuthAttempts, { admin_id: requireString(adminId, 'adminId') }, options)).response;
  }

  /** Gives an administrator Expired for inactivity its previous status back. */
  async clearInactivity(adminId: string, options?: RequestOptions): Promise<DuoAdmin> {
    return (await callEndpoint(this.caller, adminsClearInactivity, { admin_id: requireString(adminId, 'adminId') }, options)).response;
  }

  /** Creates an activation link for an administrator pending activation that has none. */
  async createActivationLink(adminId: string, options?: RequestOptions): Promise<DuoAdminActivationLink> {
    return (await callEndpoint(this.caller, adminsCreateActivationLink, { admin_id: requireString(adminId, 'adminId') }, options)).response;
  }

  /** Emails the current activation link to the administrator (each call sends one email). */
  async emailActivationLink(adminId: string, options?: RequestOptions): Promise<DuoAdminActivationLink> {
    return (await callEndpoint(this.caller, adminsEmailActivationLink, { admin_id: requireString(adminId, 'adminId') }, options)).response;
  }

  /** Invalidates the administrator's current activation link. */
  async deleteActivationLink(adminId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, adminsDeleteActivationLink, { admin_id: requireString(adminId, 'adminId') }, options);
  }

  /** Creates an activation link for a new administrator, who exists once the form is completed. */
  async createActivation(params: DuoAdminActivationParams, options?: RequestOptions): Promise<DuoAdminActivation> {
    return (await callEndpoint(this.caller, adminsCreateActivation, requireObject(params, 'params'), options)).response;
  }

  /** Pending administrator activations, 500 per page by default. */
  listActivations(options: ListOptions = {}): Paginated<DuoPendingAdminActivation> {
    return offsetList<DuoPendingAdminActivation>(this.caller, adminsListActivations, {}, options);
  }

  /** Deletes a pending activation (its link stops working). */
  async deleteActivation(adminActivationId: string, options?: RequestOptions): Promise<void> {
    const admin_activation_id = requireString(adminActivationId, 'adminActivationId');
    await callEndpoint(this.caller, adminsDeleteActivation, { admin_activation_id }, options);
  }

  /** Creates, updates or disables one administrator from the directory's entry for `email`. */
  async syncFromDirectory(directoryKey: string, email: string, options?: RequestOptions): Promise<DuoAdmin> {
    const params = { directory_key: requireString(directoryKey, 'directoryKey'), email: requireString(email, 'email') };
    return (await callEndpoint(this.caller, adminsSyncFromDirectory, params, options)).response;
  }

  /** Every administrator's external password management status, 500 per page by default. */
  listPasswordMgmt(options: ListOptions = {}): Paginated<DuoAdminPasswordMgmt> {
    return offsetList<DuoAdminPasswordMgmt>(this.caller, adminsListPasswordMgmt, {}, options);
  }

  /** One administrator's external password management status. */
  async getPasswordMgmt(adminId: string, options?: RequestOptions): Promise<DuoAdminPasswordMgmt> {
    return (await callEndpoint(this.caller, adminsGetPasswordMgmt, { admin_id: requireString(adminId, 'adminId') }, options)).response;
  }

  /** Turns external password management on or off and optionally sets the password (never returned). */
  async updatePasswordMgmt(adminId: string, changes: DuoAdminPasswordMgmtParams, options?: RequestOptions): Promise<DuoAdminPasswordMgmt> {
    const fields = { ...requireObject(changes, 'changes'), admin_id: requireString(adminId, 'adminId') };
    return (await callEndpoint(this.caller, adminsUpdatePasswordMgmt, fields, options)).response;
  }

  /** The authentication methods administrators may use. */
  async getAllowedAuthMethods(options?: RequestOptions): Promise<DuoAdminAuthMethods> {
    return (await callEndpoint(this.caller, adminsGetAllowedAuthMethods, {}, options)).response;
  }

  /** Replaces the allowed methods: every method not given as true is disallowed. */
  async setAllowedAuthMethods(methods: DuoAdminAuthMethodsParams, options?: RequestOptions): Promise<DuoAdminAuthMethods> {
    return (await callEndpoint(this.caller, adminsUpdateAllowedAuthMethods, requireObject(methods, 'methods'), options)).response;
  }
}
