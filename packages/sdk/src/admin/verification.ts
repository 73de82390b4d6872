import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import type { ResponseOf } from '../endpoints/params-of.js';
import {
  identityVerificationCancel,
  identityVerificationStart,
  identityVerificationStatus,
  usersSendVerificationPush,
  usersVerificationPushResponse,
} from '../endpoints/verification.js';
import { requireString } from '../resources/check.js';

/** Duo's answer to a verification push poll. */
export type DuoVerificationPushResponse = ResponseOf<typeof usersVerificationPushResponse>;

/** An identity verification inquiry. */
export type DuoIdentityVerification = ResponseOf<typeof identityVerificationStatus>;

/**
 * Verifying a user out of band: a verification push to one of their phones (sent once, then
 * polled) and an identity verification (a Persona inquiry started, read and cancelled).
 */
export class VerificationResource {
  constructor(private readonly caller: Caller) {}

  /** Pushes a verification request to the phone; each call pushes again, so it is never resent. */
  async sendPush(userId: string, phoneId: string, options?: RequestOptions): Promise<{ push_id: string }> {
    const params = { user_id: requireString(userId, 'userId'), phone_id: requireString(phoneId, 'phoneId') };
    return (await callEndpoint(this.caller, usersSendVerificationPush, params, options)).response;
  }

  /** The user's answer so far (`waiting` until they answer or Duo gives up). */
  async pushResponse(userId: string, pushId: string, options?: RequestOptions): Promise<DuoVerificationPushResponse> {
    const params = { user_id: requireString(userId, 'userId'), push_id: requireString(pushId, 'pushId') };
    return (await callEndpoint(this.caller, usersVerificationPushResponse, params, options)).response;
  }

  /** Starts an identity verification; each call opens a new inquiry. */
  async startIdentity(userId: string, options?: RequestOptions): Promise<DuoIdentityVerification> {
    return (await callEndpoint(this.caller, identityVerificationStart, { user_id: requireString(userId, 'userId') }, options)).response;
  }

  /** The status of the user's latest identity verification. */
  async identityStatus(userId: string, options?: RequestOptions): Promise<DuoIdentityVerification> {
    return (await callEndpoint(this.caller, identityVerificationStatus, { user_id: requireString(userId, 'userId') }, options)).response;
  }

  /** Cancels an identity verification; repeatable. */
  async cancelIdentity(userId: string, inquiryId: string, options?: RequestOptions): Promise<DuoIdentityVerification> {
    const params = { user_id: requireString(userId, 'userId'), inquiry_id: requireString(inquiryId, 'inquiryId') };
    return (await callEndpoint(this.caller, identityVerificationCancel, params, options)).response;
  }
}
