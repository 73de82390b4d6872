import type { Caller, RequestOptions } from '../client/duo-client.js';
import {
  brandingAddDraftUser,
  brandingGet,
  brandingGetCustomMessaging,
  brandingGetDraft,
  brandingPublishDraft,
  brandingUpdate,
  brandingUpdateCustomMessaging,
  brandingUpdateDraft,
  type brandingDraftShape,
  type brandingShape,
  type customMessagingShape,
} from '../endpoints/branding.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import type { ParamsOf } from '../endpoints/params-of.js';
import type { ValueOf } from '../endpoints/shape.js';
import { requireObject, requireString } from '../resources/check.js';

/** Live custom branding. */
export type DuoBranding = ValueOf<typeof brandingShape>;
/** Draft custom branding with the users who see it. */
export type DuoBrandingDraft = ValueOf<typeof brandingDraftShape>;
/** Custom messaging of the Universal Prompt. */
export type DuoCustomMessaging = ValueOf<typeof customMessagingShape>;
/** Fields live branding is modified with (images as base64 PNG). */
export type DuoBrandingParams = ParamsOf<typeof brandingUpdate>;
/** Fields draft branding is modified with; `user_ids` replaces who sees the draft. */
export type DuoBrandingDraftParams = ParamsOf<typeof brandingUpdateDraft>;
/** Fields custom messaging is modified with. */
export type DuoCustomMessagingParams = ParamsOf<typeof brandingUpdateCustomMessaging>;

/** Admin API custom branding (live and draft) and custom messaging: wrappers over `endpoints/branding.ts`. */
export class BrandingResource {
  constructor(private readonly caller: Caller) {}

  /** The live branding. */
  async get(options?: RequestOptions): Promise<DuoBranding> {
    return (await callEndpoint(this.caller, brandingGet, {}, options)).response;
  }

  /** Changes the live branding at once; fields not given stay. */
  async update(changes: DuoBrandingParams, options?: RequestOptions): Promise<DuoBranding> {
    return (await callEndpoint(this.caller, brandingUpdate, requireObject(changes, 'changes'), options)).response;
  }

  /** The draft branding and who sees it. */
  async getDraft(options?: RequestOptions): Promise<DuoBrandingDraft> {
    return (await callEndpoint(this.caller, brandingGetDraft, {}, options)).response;
  }

  /** Changes the draft; live branding is untouched until `publishDraft`. */
  async updateDraft(changes: DuoBrandingDraftParams, options?: RequestOptions): Promise<DuoBrandingDraft> {
    return (await callEndpoint(this.caller, brandingUpdateDraft, requireObject(changes, 'changes'), options)).response;
  }

  /** Lets one more user see the draft. */
  async addDraftUser(userId: string, options?: RequestOptions): Promise<DuoBrandingDraft> {
    return (await callEndpoint(this.caller, brandingAddDraftUser, { user_id: requireString(userId, 'userId') }, options)).response;
  }

  /** Makes the draft the live branding for every user; answers the new live branding. */
  async publishDraft(options?: RequestOptions): Promise<DuoBranding> {
    return (await callEndpoint(this.caller, brandingPublishDraft, {}, options)).response;
  }

  /** The custom messaging (help links and help text). */
  async getCustomMessaging(options?: RequestOptions): Promise<DuoCustomMessaging> {
    return (await callEndpoint(this.caller, brandingGetCustomMessaging, {}, options)).response;
  }

  /** Changes the custom messaging; live at once. */
  async updateCustomMessaging(changes: DuoCustomMessagingParams, options?: RequestOptions): Promise<DuoCustomMessaging> {
    return (await callEndpoint(this.caller, brandingUpdateCustomMessaging, requireObject(changes, 'changes'), options)).response;
  }
}
