import { defineEndpoint } from './define-endpoint.js';
import { required } from './required.js';
import { t } from './shape.js';

/** What a verification push has come to; `waiting` until the user answers or Duo gives up. */
export const VERIFICATION_PUSH_RESULTS = ['waiting', 'approve', 'deny', 'fraud', 'timeout'] as const;

/** Where an identity verification (a Persona inquiry) stands. */
export const IDENTITY_VERIFICATION_STATUSES = ['pending', 'completed', 'failed', 'expired', 'canceled'] as const;

const userId = t.string({ minLength: 1 });

/** A verification push as Duo answers its sending and its polling. */
export const verificationPushShape = t.object(
  { push_id: t.string(), result: t.enum(VERIFICATION_PUSH_RESULTS) },
  { required: ['push_id'] },
);

/** An identity verification inquiry. */
export const identityVerificationShape = t.object(
  {
    inquiry_id: t.string(),
    user_id: t.string(),
    status: t.enum(IDENTITY_VERIFICATION_STATUSES),
    created: t.integer({ description: 'Unix seconds' }),
  },
  { required: ['inquiry_id', 'status'] },
);

/** `POST /admin/v1/users/{user_id}/send_verification_push`: each call pushes the phone once. */
export const usersSendVerificationPush = defineEndpoint({
  id: 'users.send_verification_push',
  summary: "Push a verification request to one of the user's phones",
  method: 'POST',
  path: '/admin/v1/users/{user_id}/send_verification_push',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: { user_id: userId, phone_id: required(t.string({ minLength: 1 })) },
  response: t.object({ push_id: t.string() }, { required: ['push_id'] }),
  docs: 'https://duo.com/docs/adminapi#send-verification-push',
});

/** `GET /admin/v1/users/{user_id}/verification_push_response`: poll until the result is not `waiting`. */
export const usersVerificationPushResponse = defineEndpoint({
  id: 'users.verification_push_response',
  summary: "Read the user's answer to a verification push",
  method: 'GET',
  path: '/admin/v1/users/{user_id}/verification_push_response',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { user_id: userId, push_id: required(t.string({ minLength: 1 })) },
  response: t.object({ push_id: t.string(), result: t.enum(VERIFICATION_PUSH_RESULTS) }, { required: ['push_id', 'result'] }),
  docs: 'https://duo.com/docs/adminapi#retrieve-verification-push-response',
});

/** `POST /admin/v2/identity_verification/{user_id}/start`: opens a new inquiry each call. */
export const identityVerificationStart = defineEndpoint({
  id: 'identity_verification.start',
  summary: 'Start an identity verification for a user',
  method: 'POST',
  path: '/admin/v2/identity_verification/{user_id}/start',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: false,
  params: { user_id: userId },
  response: identityVerificationShape,
  docs: 'https://duo.com/docs/adminapi#start-identity-verification',
});

/** `POST /admin/v2/identity_verification/{user_id}/cancel`: cancelling twice leaves it cancelled. */
export const identityVerificationCancel = defineEndpoint({
  id: 'identity_verification.cancel',
  summary: "Cancel a user's identity verification",
  method: 'POST',
  path: '/admin/v2/identity_verification/{user_id}/cancel',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  params: { user_id: userId, inquiry_id: required(t.string({ minLength: 1 })) },
  response: identityVerificationShape,
  docs: 'https://duo.com/docs/adminapi#cancel-identity-verification',
});

/** `GET /admin/v2/identity_verification/{user_id}/status`: the user's latest inquiry. */
export const identityVerificationStatus = defineEndpoint({
  id: 'identity_verification.status',
  summary: "Read the status of the user's latest identity verification",
  method: 'GET',
  path: '/admin/v2/identity_verification/{user_id}/status',
  api: 'admin',
  grant: 'read_resource',
  pacing: 'admin_get_one',
  idempotent: true,
  params: { user_id: userId },
  response: identityVerificationShape,
  docs: 'https://duo.com/docs/adminapi#retrieve-identity-verification-status',
});

/** The verification push and identity verification endpoints. */
export const verificationEndpoints = [
  usersSendVerificationPush,
  usersVerificationPushResponse,
  identityVerificationStart,
  identityVerificationCancel,
  identityVerificationStatus,
] as const;
