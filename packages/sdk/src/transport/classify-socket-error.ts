import type { ConnectionFailure } from '../errors/error-classes.js';

const NOT_SENT: Record<string, ConnectionFailure> = {
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  EADDRNOTAVAIL: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
};

/**
 * Classifies a Node socket error. `connected` says whether the socket was up when it failed:
 * after that, bytes may have reached Duo, so the failure is ambiguous. Refusals and DNS
 * failures are never ambiguous; TLS failures happen before the request is written.
 */
export function classifySocketError(error: unknown, connected: boolean): { failure: ConnectionFailure; sent: boolean } {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const notSent = NOT_SENT[code];
  if (notSent) return { failure: notSent, sent: false };
  if ((error as { duoProxyFailure?: unknown })?.duoProxyFailure === true) return { failure: 'proxy', sent: false };
  if (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('CERT_') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  ) {
    return { failure: 'tls', sent: false };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
    return { failure: 'reset', sent: connected };
  }
  return { failure: 'other', sent: connected };
}
