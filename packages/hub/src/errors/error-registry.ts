/**
 * Every error code the hub answers with, its HTTP status and default message. The doc
 * `packages/hub/docs/errors.md` lists the same codes; a test keeps the two in step.
 */
export const errorRegistry = {
  validation_failed: { status: 400, message: 'The request is invalid; see details for each field.' },
  malformed_body: { status: 400, message: 'The request body is not valid JSON.' },
  unauthorized: { status: 401, message: 'A valid API token is required (Authorization: Bearer <token>).' },
  forbidden: { status: 403, message: 'This token is not allowed to do that.' },
  not_found: { status: 404, message: 'No such resource.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  credentials_missing: {
    status: 409,
    message: 'The integration has no credential set of the kind this operation needs.',
  },
  organization_auth_missing: {
    status: 409,
    message:
      "The organization has no Auth API keys of its own. Add its Duo account's Auth API application: PATCH /api/organizations/{id} with auth { api_host, integration_key, secret_key }, `duohub orgs auth`, or the organization's page in the UI.",
  },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as application/json.' },
  integration_check_failed: {
    status: 422,
    message: 'At least one credential set failed its check against Duo; nothing was saved.',
  },
  duo_rejected: { status: 400, message: "Duo refused the request's parameters." },
  reference_ambiguous: { status: 400, message: 'The reference matches several Duo objects; give one of their ids instead.' },
  duo_error: { status: 502, message: 'Duo answered with an error.' },
  duo_unreachable: { status: 504, message: 'Duo could not be reached.' },
  internal: { status: 500, message: 'Something went wrong inside the hub; it has been logged.' },
  mfa_template_invalid: { status: 400, message: 'The username template cannot be rendered; see details.' },
  mfa_push_info_invalid: { status: 400, message: 'push_info must be URL-encoded key=value pairs joined by &; see details.' },
  organization_auth_rejected: { status: 422, message: "Duo did not accept the organization's Auth API keys; nothing was saved." },
  mfa_keys_rejected: { status: 422, message: 'Duo did not accept the Auth API keys; nothing was saved.' },
  verify_identity_invalid: { status: 400, message: 'The identity lacks a value the username template needs.' },
  verify_factor_unavailable: { status: 422, message: 'The user has no device that offers the chosen factor.' },
  verify_rate_limited: { status: 429, message: 'Too many pushes to this user recently; try again later or use a passcode.' },
  verify_cooldown: { status: 429, message: 'This user recently denied or reported a push; pushes are paused for a while.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** One of the registry's string codes. */
export type ErrorCode = keyof typeof errorRegistry;

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** A field-level problem in a request: where it is and what is wrong (never the value itself). */
export interface FieldIssue {
  /** `body`, `query` or `path`. */
  in: string;
  /** Dotted path of the field, e.g. `admin.secret_key`; empty for the whole part. */
  field: string;
  message: string;
}

/** Whether a string is a registry code. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorRegistry, value);
}
