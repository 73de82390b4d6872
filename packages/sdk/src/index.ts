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

export { Pacer, type PaceKey } from './pacing/pacer.js';
export { AdaptiveBucket, type BucketSnapshot } from './pacing/adaptive-bucket.js';
export { DEFAULT_RATES, type PacingOptions } from './pacing/pacing-options.js';
export { classifyEndpoint, ENDPOINT_CLASSES, type EndpointClass } from './pacing/endpoint-class.js';

export { paginated, type Paginated, type Page } from './pagination/paginated.js';
export { offsetPages, type OffsetPagesInput } from './pagination/offset-pages.js';
export { cursorPages, type CursorPagesInput, type LogCursor } from './pagination/cursor-pages.js';
export type { ListOptions } from './resources/list-options.js';

export { buildSignedRequest, type BuildRequestInput, type BuiltRequest } from './request/build-signed-request.js';
export { stableJson } from './request/stable-json.js';
export { encodeForm } from './request/encode-form.js';
export type { DuoResponse } from './request/parse-duo-response.js';
export type { Transport, HttpRequest, HttpResponse } from './transport/transport.js';
export type { FetchLike } from './transport/fetch-transport.js';

export { UsersResource, type UserListOptions } from './admin/users.js';
export { PhonesResource, type ActivationOptions } from './admin/phones.js';
export { BypassCodesResource } from './admin/bypass-codes.js';
export { SettingsResource } from './admin/settings.js';
export { InfoResource } from './admin/info.js';
export { LogsResource, type LogListOptions, type AuthLogFilters } from './admin/logs.js';
export { BillingResource } from './admin/billing.js';
export type * from './admin/types.js';
export type * from './accounts/types.js';
export type * from './auth/types.js';
