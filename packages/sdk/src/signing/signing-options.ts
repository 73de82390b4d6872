import { DuoConfigError } from '../errors/error-classes.js';

/** The credentials and scheme a client signs with. */
export interface SigningOptions {
  /** The API hostname, e.g. `api-1a2b3c4d.duosecurity.com`: a bare hostname, no scheme, path or port. */
  host: string;
  /** Integration key: `DI` and 18 uppercase letters or digits. */
  ikey: string;
  /** Secret key: 40 characters. Never logged, never part of an error. */
  skey: string;
  /** 5 (default; JSON bodies) or 2 (form bodies, for older integrations). Always HMAC-SHA512. */
  sigVersion?: 2 | 5;
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Checks an API hostname; the message says what to drop, since pasted URLs are the usual mistake. */
export function validateHost(host: unknown, field = 'host'): string {
  if (typeof host !== 'string' || host.trim() === '') {
    throw new DuoConfigError(field, `${field} is required: the API hostname of the Duo application, e.g. api-xxxxxxxx.duosecurity.com`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) {
    throw new DuoConfigError(field, `${field} must be a bare hostname: drop the scheme (e.g. "https://"); use baseUrl to choose where to connect`);
  }
  if (/[/?#]/.test(host)) throw new DuoConfigError(field, `${field} must be a bare hostname: drop the path, query or fragment`);
  if (host.includes('@')) throw new DuoConfigError(field, `${field} must be a bare hostname, without user information`);
  if (/:\d*$/.test(host)) {
    throw new DuoConfigError(field, `${field} must be a bare hostname: drop the port (Duo signs the host without one; use baseUrl to connect to another port)`);
  }
  if (host !== host.trim()) throw new DuoConfigError(field, `${field} has leading or trailing whitespace`);
  if (!HOSTNAME.test(host)) throw new DuoConfigError(field, `${field} is not a valid hostname: ${JSON.stringify(host.slice(0, 100))}`);
  return host.toLowerCase();
}

/** Checks an integration key without echoing it. */
export function validateIkey(ikey: unknown): string {
  if (typeof ikey !== 'string' || ikey === '') {
    throw new DuoConfigError('ikey', 'ikey is required: the integration key (DI followed by 18 characters) from the Duo Admin Panel');
  }
  if (ikey !== ikey.trim()) throw new DuoConfigError('ikey', 'ikey has leading or trailing whitespace');
  if (!/^DI[A-Z0-9]{18}$/.test(ikey)) {
    const swapped = ikey.length === 40 ? ' (it is 40 characters long: ikey and skey may be swapped)' : '';
    throw new DuoConfigError(
      'ikey',
      `ikey must be "DI" followed by 18 uppercase letters or digits (20 characters; got ${ikey.length})${swapped}`,
    );
  }
  return ikey;
}

/** Checks a secret key; the message gives only its length, never any of its characters. */
export function validateSkey(skey: unknown): string {
  if (typeof skey !== 'string' || skey === '') {
    throw new DuoConfigError('skey', 'skey is required: the secret key (40 characters) from the Duo Admin Panel');
  }
  if (skey !== skey.trim()) throw new DuoConfigError('skey', 'skey has leading or trailing whitespace');
  if (skey.length !== 40) {
    const swapped = /^DI[A-Z0-9]{18}$/.test(skey) ? ' (it has the shape of an integration key: ikey and skey may be swapped)' : '';
    throw new DuoConfigError('skey', `skey must be 40 characters long (got ${skey.length})${swapped}`);
  }
  if (!/^[\x21-\x7e]+$/.test(skey)) throw new DuoConfigError('skey', 'skey must contain printable ASCII characters only');
  return skey;
}

/** Checks the signature version the client emits. */
export function validateSigVersion(version: unknown): 2 | 5 {
  if (version === undefined) return 5;
  if (version === 2 || version === 5) return version;
  throw new DuoConfigError(
    'sigVersion',
    `sigVersion must be 5 (default) or 2; versions 1 and 4 exist only for verification (signRequest)`,
  );
}
