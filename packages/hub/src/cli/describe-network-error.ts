/** Plain words for the socket error codes a person meets when the hub is down, mistyped or behind a proxy. */
const CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the hub running on that port?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary DNS failure)',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the hub did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the hub stopped sending its answer',
  UND_ERR_SOCKET: 'the connection was closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  CERT_HAS_EXPIRED: "the hub's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the hub's TLS certificate is self-signed (not trusted)",
  SELF_SIGNED_CERT_IN_CHAIN: "the hub's TLS certificate chain is self-signed (not trusted)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the hub's TLS certificate could not be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "the hub's TLS certificate is for another host name",
  EPROTO: 'TLS handshake failed (is it http rather than https?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is it http rather than https?)',
};

/**
 * Why a request never got an answer, in a few words: from the error's code, or its cause's
 * (undici's `fetch failed` wraps the socket error), else the innermost message.
 */
export function describeNetworkError(error: unknown): string {
  let current: unknown = error;
  let innermost = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CODES[code]) return CODES[code];
    // AggregateError (happy eyeballs: one error per address tried) carries the real ones in `errors`.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = describeNetworkError(errors[0]);
      if (inner) return inner;
    }
    if (current instanceof Error && current.message) innermost = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return innermost;
}

/** A hub that could not be reached at all; the message is what the person sees after `error: `. */
export class HubUnreachableError extends Error {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    super(`cannot reach the hub at ${target}: ${describeNetworkError(cause)}`, { cause });
    this.name = 'HubUnreachableError';
  }
}
