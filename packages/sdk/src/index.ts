export * from './signing/index.js';
export { validateHost, validateIkey, validateSkey, type SigningOptions } from './signing/signing-options.js';

export { DuoAdminClient } from './admin/duo-admin-client.js';
export { DuoAccountsClient } from './accounts/duo-accounts-client.js';
export { DuoAuthClient } from './auth/duo-auth-client.js';
export { DuoClient, type RequestOptions, type CallSpec, type Caller } from './client/duo-client.js';
export type { DuoClientOptions } from './config/duo-client-options.js';
export type { HttpMethod, DuoCall, CallHandler, CallHook } from './client/duo-call.js';
export { wrapRequest } from './client/wrap-request.js';
export { SDK_VERSION } from './client/version.js';

export { DuoError, isDuoError, type DuoErrorInit, type DuoErrorRequest } from './errors/duo-error.js';
export {
  DuoAuthenticationError,
  DuoForbiddenError,
  DuoNotFoundError,
  DuoInvalidRequestError,
  DuoRateLimitError,
  DuoServerError,
  DuoConnectionError,
  DuoTimeoutError,
  DuoConfigError,
  type ConnectionFailure,
} from './errors/error-classes.js';
export { createDuoError, type ErrorResponse } from './errors/create-duo-error.js';
export { authenticationHint, forbiddenHint } from './errors/authentication-hint.js';
export { redactSecrets } from './errors/redact.js';

export { decideRetry, type RetryDecision, type RetryReason } from './retry/decide-retry.js';
export { backoffDelay, retryAfterDelay } from './retry/backoff-delay.js';
export { parseRetryAfter } from './retry/parse-retry-after.js';
export { DEFAULT_RETRY, type RetryOptions, type RetryInfo } from './retry/retry-options.js';

export { Pacer, type PaceKey, type PacePermit } from './pacing/pacer.js';
export { readyInMs } from './pacing/ready-in-ms.js';
export { sleep } from './retry/sleep.js';
export { LearningBucket, type BucketGrant, type BucketProbe, type BucketSnapshot, type BucketStart } from './pacing/learning-bucket.js';
export { burstFromFullRun, decideRate, rateLowerBound, type RateDecision, type RateDecisionInput } from './pacing/estimate-rate.js';
export { readPacerState, type LearnedBucket, type PacerState } from './pacing/pacer-state.js';
export { DEFAULT_LEARNING, DEFAULT_RATES, initialBurst, type PacingOptions } from './pacing/pacing-options.js';
export { classifyEndpoint, ENDPOINT_CLASSES, type EndpointClass } from './pacing/endpoint-class.js';

export { paginated, type Paginated, type Page } from './pagination/paginated.js';
export { offsetPages, type OffsetPagesInput } from './pagination/offset-pages.js';
export { forEachPage } from './pagination/for-each-page.js';
export { cursorPages, type CursorPagesInput, type LogCursor } from './pagination/cursor-pages.js';
export type { ListOptions } from './resources/list-options.js';

export { buildSignedRequest, type BuildRequestInput, type BuiltRequest } from './request/build-signed-request.js';
export { stableJson } from './request/stable-json.js';
export { encodeForm } from './request/encode-form.js';
export type { DuoResponse } from './request/parse-duo-response.js';
export type { Transport, HttpRequest, HttpResponse } from './transport/transport.js';
export { NodeTransport, type NodeTransportOptions } from './transport/node-transport.js';
export { ReadGate } from './transport/read-gate.js';
export type { FetchLike } from './transport/fetch-transport.js';

export { UsersResource, type UserListOptions, type UserReference, type ResolveOptions } from './admin/users.js';
export { UsersBulkResource, type DuoBulkUser } from './admin/users-bulk.js';
export {
  AdminsResource,
  type DuoAdmin,
  type DuoAdminActivationLink,
  type DuoAdminActivation,
  type DuoPendingAdminActivation,
  type DuoAdminPasswordMgmt,
  type DuoAdminAuthMethods,
  type DuoAdminCreateParams,
  type DuoAdminUpdateParams,
  type DuoAdminActivationParams,
  type DuoAdminPasswordMgmtParams,
  type DuoAdminAuthMethodsParams,
} from './admin/admins.js';
export { BulkResource, type DuoBulkOperation, type DuoBulkResult } from './admin/bulk-operations.js';
export { VerificationResource, type DuoVerificationPushResponse, type DuoIdentityVerification } from './admin/verification.js';
export {
  AdministrativeUnitsResource,
  type DuoAdminUnit,
  type DuoAdminUnitCreateParams,
  type DuoAdminUnitUpdateParams,
  type DuoAdminUnitFilter,
  type DuoAdminUnitMember,
} from './admin/administrative-units.js';
export { PassportResource, type DuoPassportConfig, type DuoPassportUpdateParams } from './admin/passport.js';
export { LogoResource, readPngSize, decodeBase64Strict } from './admin/logo.js';
export { PhonesResource, type ActivationOptions, type PhoneReference } from './admin/phones.js';
export { resolveReference, pickOneReference, type ReferenceSpec, type ReferenceFinder } from './resources/resolve-reference.js';
export { isDuoId } from './resources/is-duo-id.js';
export { DuoReferenceError, type ReferenceProblem, type ReferenceCandidate } from './errors/duo-reference-error.js';
export { GroupsResource, type DuoGroupCreateParams, type DuoGroupUpdateParams, type DuoGroupMember, type DuoGroupWithMembers } from './admin/groups.js';
export { BypassCodesResource } from './admin/bypass-codes.js';
export { HardwareTokensResource, type TokenListOptions, type DuoHardwareToken, type DuoHardwareTokenParams } from './admin/tokens.js';
export { U2fTokensResource, type DuoU2fToken } from './admin/u2f-tokens.js';
export { SettingsResource } from './admin/settings.js';
export { InfoResource } from './admin/info.js';
export {
  LogsResource,
  LOGS_MAX_PAGE,
  V1_LOG_PAGE_ROWS,
  TRUST_MONITOR_MAX_PAGE,
  type LogListOptions,
  type AuthLogFilters,
  type LogPageOptions,
  type LogPage,
  type V1LogPageOptions,
  type V1LogPage,
  type TrustMonitorPageOptions,
} from './admin/logs.js';
export {
  duoLogEntryId,
  type DuoLogKind,
  type DuoLogLocation,
  type DuoAdministratorLog,
  type DuoOfflineEnrollmentLog,
  type DuoAuthLogV1,
  type DuoTelephonyLogV1,
  type DuoTelephonyLog,
  type DuoActivityLog,
  type DuoActivityParty,
  type DuoTrustMonitorEvent,
} from './admin/log-types.js';
export { BillingResource } from './admin/billing.js';
export { WebAuthnCredentialsResource } from './admin/webauthn-credentials.js';
export { DesktopAuthenticatorsResource } from './admin/desktop-authenticators.js';
export { SharedDeviceAuthResource } from './admin/shared-device-auth.js';
export { DesktopTokensResource } from './admin/desktop-tokens.js';
export { DeviceEndpointsResource, type DuoEndpoint } from './admin/device-endpoints.js';
export { RegisteredDevicesResource, type DuoRegisteredDevice } from './admin/registered-devices.js';
export { BrandingResource, type DuoBranding, type DuoBrandingDraft, type DuoCustomMessaging, type DuoBrandingParams, type DuoBrandingDraftParams, type DuoCustomMessagingParams } from './admin/branding.js';
export { PoliciesResource, type DuoPolicy, type DuoPolicySummary, type DuoPolicyCalculation, type DuoPolicyCreateParams, type DuoPolicyUpdateParams, type DuoPolicyBulkUpdateParams } from './admin/policies.js';
export {
  IntegrationsResource,
  isMaskedSecret,
  type IntegrationsCaller,
  type DuoIntegration,
  type DuoIntegrationLatest,
  type DuoCreatedIntegration,
  type DuoIntegrationCreateParams,
  type DuoIntegrationCreateV2Params,
  type DuoIntegrationCreateLegacyParams,
  type DuoIntegrationUpdateParams,
  type DuoIntegrationUpdateLatestParams,
} from './admin/integrations.js';
export type * from './admin/authenticator-types.js';
export type * from './admin/types.js';
export type * from './accounts/types.js';
export type * from './auth/types.js';

export {
  defineEndpoint,
  pathParamNames,
  paramLocation,
  type EndpointDeclaration,
  type ApiFamily,
  type AdminGrant,
  type ParamSpec,
  type ParamExtras,
  type ParamLocation,
  type Paging,
} from './endpoints/define-endpoint.js';
export { t, type Shape, type ValueOf, type StringShape, type IntegerShape, type NumberShape, type BooleanShape, type ArrayShape, type ObjectShape, type AnyOfShape, type AnyShape } from './endpoints/shape.js';
export type { ParamsOf, ResponseOf } from './endpoints/params-of.js';
export { required } from './endpoints/required.js';
export { offsetPaging } from './endpoints/paging-params.js';
export { checkParamValue } from './endpoints/check-param-value.js';
export { prepareEndpointCall, type PreparedCall } from './endpoints/prepare-endpoint-call.js';
export { callEndpoint, callDeclared, type EndpointCallOptions } from './endpoints/call-endpoint.js';
export { endpoints, findEndpoint } from './endpoints/index.js';
export * from './endpoints/users.js';
export * from './endpoints/admins.js';
export * from './endpoints/users-bulk.js';
export * from './endpoints/bulk.js';
export * from './endpoints/verification.js';
export * from './endpoints/administrative-units.js';
export * from './endpoints/passport.js';
export * from './endpoints/logo.js';
export * from './endpoints/phones.js';
export * from './endpoints/groups.js';
export * from './endpoints/bypass-codes.js';
export * from './endpoints/tokens.js';
export * from './endpoints/token-objects.js';
export * from './endpoints/settings.js';
export * from './endpoints/info.js';
export * from './endpoints/logs.js';
export * from './endpoints/billing.js';
export * from './endpoints/accounts.js';
export * from './endpoints/auth.js';
export * from './endpoints/webauthn.js';
export * from './endpoints/desktop-authenticators.js';
export * from './endpoints/desktop-tokens.js';
export * from './endpoints/device-endpoints.js';
export * from './endpoints/registered-devices.js';
export * from './endpoints/branding.js';
export * from './endpoints/policies.js';
export * from './endpoints/integrations.js';
export * from './endpoints/authenticator-objects.js';
export * from './endpoints/objects.js';
export { buildOpenApi, type OpenApiDocument } from './openapi/build-openapi.js';
export { openApiJson } from './openapi/openapi-json.js';
export { shapeToJsonSchema, type JsonSchema } from './openapi/shape-to-json-schema.js';
