import { inspect } from 'node:util';

/** The request an error came from, with nothing secret in it: no params, headers or body. */
export interface DuoErrorRequest {
  method: string;
  host: string;
  path: string;
}

/** Constructor input shared by every Duo error class. */
export interface DuoErrorInit {
  status?: number | undefined;
  code?: number | undefined;
  messageDetail?: string | undefined;
  request?: DuoErrorRequest | undefined;
  cause?: unknown;
  hint?: string | undefined;
}

const BRAND = Symbol.for('@duohub/sdk.DuoError');

/**
 * Base of every error the SDK throws. Holds data, not secrets: status, Duo's code, message and
 * message_detail, the request's method/host/path, and a hint where we can guess the cause.
 */
export class DuoError extends Error {
  override name = 'DuoError';
  /** HTTP status, when an answer arrived. */
  readonly status: number | undefined;
  /** Duo's numeric error code (e.g. 40103), when the answer carried one. */
  readonly code: number | undefined;
  /** Duo's `message_detail`, often the name of the offending parameter. */
  readonly messageDetail: string | undefined;
  /** Method, host and path of the call; never parameters or headers. */
  readonly request: DuoErrorRequest | undefined;
  /** A human guess at the likely cause and what to check. */
  readonly hint: string | undefined;
  declare readonly cause: unknown;

  constructor(message: string, init: DuoErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.messageDetail = init.messageDetail;
    this.request = init.request;
    this.hint = init.hint;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plain, secret-free view for logs and JSON responses. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this.extraFields())) if (value !== undefined) out[key] = value;
    if (this.cause !== undefined) out['cause'] = describeCause(this.cause);
    return out;
  }

  /** Fields a subclass adds to `toJSON()` and inspection. */
  protected extraFields(): Record<string, unknown> {
    return {
      status: this.status,
      code: this.code,
      messageDetail: this.messageDetail,
      request: this.request,
      hint: this.hint,
    };
  }

  // Node's default inspection walks `cause` and every own property; ours shows only vetted fields.
  [inspect.custom](): string {
    const fields = this.toJSON();
    delete fields['name'];
    delete fields['message'];
    const stackTail = (this.stack ?? '').split('\n').slice(1).join('\n');
    return `${this.name}: ${this.message} ${inspect(fields, { depth: 3, breakLength: 120 })}\n${stackTail}`;
  }
}

/** True for any error thrown by this SDK (works across duplicate copies of the package). */
export function isDuoError(value: unknown): value is DuoError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

// A cause is usually a Node system error; keep the fields that help and drop anything else.
function describeCause(cause: unknown): unknown {
  if (isDuoError(cause)) return cause.toJSON();
  if (cause instanceof Error) {
    const out: Record<string, unknown> = { name: cause.name, message: cause.message };
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') out['code'] = code;
    return out;
  }
  return typeof cause === 'string' ? cause : String(cause);
}
