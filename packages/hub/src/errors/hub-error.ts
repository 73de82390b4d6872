import { errorRegistry, type ErrorCode } from './error-registry.js';

/**
 * An expected failure, carried as data: a registry code, a safe message and optional details.
 * Messages and details are built by the hub itself and never include secrets or raw inputs.
 */
export class HubError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, options: { message?: string; details?: unknown; cause?: unknown } = {}) {
    super(options.message ?? errorRegistry[code].message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'HubError';
    this.code = code;
    this.status = errorRegistry[code].status;
    this.details = options.details;
  }
}

/** Narrowing helper for catch blocks. */
export function isHubError(error: unknown): error is HubError {
  return error instanceof HubError;
}
