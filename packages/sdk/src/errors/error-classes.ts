import { DuoError, type DuoErrorInit } from './duo-error.js';

/** 401 (40101 missing credentials, 40102 unknown integration key, 40103 bad signature or date). */
export class DuoAuthenticationError extends DuoError {
  override name = 'DuoAuthenticationError';
}

/** 403 (40301): wrong integration type for this API, or a missing Admin API grant. */
export class DuoForbiddenError extends DuoError {
  override name = 'DuoForbiddenError';
}

/** 404 (40401): the object or path does not exist. */
export class DuoNotFoundError extends DuoError {
  override name = 'DuoNotFoundError';
}

/** 400 (40001, 40002, 40003...) and other 4xx: Duo refused the parameters. */
export class DuoInvalidRequestError extends DuoError {
  override name = 'DuoInvalidRequestError';
}

/** 429 (42901): Duo did not process the request; `retryAfterMs` when Duo said how long to wait. */
export class DuoRateLimitError extends DuoError {
  override name = 'DuoRateLimitError';
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: DuoErrorInit & { retryAfterMs?: number | undefined } = {}) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }

  protected override extraFields(): Record<string, unknown> {
    return { ...super.extraFields(), retryAfterMs: this.retryAfterMs };
  }
}

/** 5xx: Duo failed; whether the operation happened is unknown. */
export class DuoServerError extends DuoError {
  override name = 'DuoServerError';
}

/** Why a connection failed; decides whether a retry can be safe. */
export type ConnectionFailure = 'refused' | 'dns' | 'tls' | 'proxy' | 'reset' | 'aborted' | 'other';

/**
 * No usable answer: refused, unresolvable, TLS or proxy failure, or a reset mid-request.
 * `sent` is false only when the request provably never left (nothing can have happened in Duo).
 */
export class DuoConnectionError extends DuoError {
  override name = 'DuoConnectionError';
  readonly failure: ConnectionFailure;
  readonly sent: boolean;

  constructor(message: string, init: DuoErrorInit & { failure: ConnectionFailure; sent: boolean }) {
    super(message, init);
    this.failure = init.failure;
    this.sent = init.sent;
  }

  protected override extraFields(): Record<string, unknown> {
    return { ...super.extraFields(), failure: this.failure, sent: this.sent };
  }
}

/** The per-request timeout fired; `sent` false when it fired before a connection was made. */
export class DuoTimeoutError extends DuoError {
  override name = 'DuoTimeoutError';
  readonly timeoutMs: number;
  readonly sent: boolean;

  constructor(message: string, init: DuoErrorInit & { timeoutMs: number; sent: boolean }) {
    super(message, init);
    this.timeoutMs = init.timeoutMs;
    this.sent = init.sent;
  }

  protected override extraFields(): Record<string, unknown> {
    return { ...super.extraFields(), timeoutMs: this.timeoutMs, sent: this.sent };
  }
}

/** Bad options or parameters, thrown before any request is sent; `field` names the culprit. */
export class DuoConfigError extends DuoError {
  override name = 'DuoConfigError';
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }

  protected override extraFields(): Record<string, unknown> {
    return { field: this.field };
  }
}
